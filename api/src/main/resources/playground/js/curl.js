// The request the form would send, as a curl command a person can paste into a shell.

/** Quotes a word for a POSIX shell. */
function shellQuote(word) {
  return /^[A-Za-z0-9_./:=@-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The curl command for one document (a file name or a URL) with these options; the key stays in
 * $DOCGRID_API_KEY, never in the command.
 */
export function curlCommand(origin, { fileName, url }, options) {
  const lines = [
    "curl -sS",
    `-H "Authorization: Bearer $DOCGRID_API_KEY"`,
    "-H 'Prefer: wait=60, return=representation'",
  ];
  if (url) {
    lines.push("-H 'Content-Type: application/json'");
    lines.push(`--data ${shellQuote(JSON.stringify({ url, options }))}`);
  } else {
    lines.push(`-F ${shellQuote("file=@" + (fileName || "document.pdf"))}`);
    lines.push(`-F ${shellQuote("options=" + JSON.stringify(options))}`);
  }
  lines.push(shellQuote(`${origin}/api/v1/jobs?format=text`));
  return lines.join(" \\\n  ");
}
