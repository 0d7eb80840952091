// A page's text as the result shows it, with the words OCR was unsure of marked.

const LOW = 60;
const MID = 85;

/**
 * Fills {@code box} with the page's text. For an OCRed page, each word of the text that OCR
 * reported is a span carrying its confidence; the text's own line breaks are kept.
 */
export function showPageText(box, page) {
  box.replaceChildren();
  const words = page.ocr && Array.isArray(page.ocr.words) ? page.ocr.words : [];
  if (words.length === 0) {
    box.textContent = page.text || "";
    return false;
  }
  let next = 0;
  for (const token of (page.text || "").split(/(\s+)/)) {
    const word = words[next];
    if (token.trim() === "" || !word || word.text !== token) {
      box.append(token);
      continue;
    }
    next += 1;
    box.append(wordSpan(word));
  }
  return true;
}

function wordSpan(word) {
  const confidence = Number(word.confidence);
  const span = document.createElement(confidence < MID ? "mark" : "span");
  span.textContent = word.text;
  span.title = `confidence ${confidence.toFixed(1)} %`;
  span.dataset.confidence = confidence.toFixed(1);
  if (confidence < MID) {
    span.className = confidence < LOW ? "conf-low" : "conf-mid";
  }
  return span;
}

/** A short line saying where the page's text came from. */
export function describeSource(page) {
  switch (page.source) {
    case "ocr": {
      const ocr = page.ocr || {};
      const mean = ocr.meanConfidence != null ? `, mean confidence ${ocr.meanConfidence} %` : "";
      const skew = ocr.skewDegrees ? `, deskewed by ${ocr.skewDegrees}°` : "";
      return `Recognised by OCR at ${ocr.dpi || "?"} dpi${mean}${skew}.`;
    }
    case "text-layer":
      return "Read from the document's text layer.";
    case "none":
      return "An image page, not recognised (OCR was off).";
    case "failed":
      return `This page failed: ${page.error ? page.error.code + ": " + page.error.message : ""}`;
    default:
      return "";
  }
}
