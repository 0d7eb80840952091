// The web playground in headless Chromium against a live node (PlaygroundIT starts it and passes
// DOCGRID_URL, DOCGRID_API_KEY, the documents and where to keep screenshots).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { chromium } from "playwright-core";

const url = process.env.DOCGRID_URL;
const key = process.env.DOCGRID_API_KEY;
const scan = process.env.PLAYGROUND_SCAN;
const scanWords = process.env.PLAYGROUND_SCAN_WORDS.split("|");
const pdf = process.env.PLAYGROUND_PDF;
const screenshots = process.env.PLAYGROUND_SCREENSHOTS;
const JOB_TIMEOUT = 180_000;
const AXE = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

let browser;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--no-sandbox", // the test machines run as root, where Chromium's sandbox cannot start
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh page that records what the browser refused or failed at. */
async function openPlayground(contextOptions = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  const response = await page.goto(url + "/");
  assert.equal(response.status(), 200);
  return { context, page, problems, response };
}

/**
 * What axe-core finds against WCAG 2.1 A and AA (contrast, names, roles, structure) on the page as
 * it is now. axe is evaluated through the browser's debugging protocol, which the page's content
 * security policy does not govern; the page itself keeps its policy.
 */
async function assertAccessible(page, state) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}: ` +
        violation.nodes.map((node) => node.target.join(" ")).join(", "),
    );
  });
  assert.deepEqual(violations, [], `accessibility of ${state}`);
}

async function useKey(page, value) {
  await page.getByLabel("API key or access token").fill(value);
  await page.getByRole("button", { name: "Use this key" }).click();
}

function card(page, fileName) {
  return page.locator("li.job", { has: page.locator(".job-name", { hasText: fileName }) });
}

async function apiText(jobId) {
  const response = await fetch(`${url}/api/v1/jobs/${jobId}/result?format=text`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  assert.equal(response.status, 200);
  return response.text();
}

test("the page runs under the API's content security policy and labels every control", async () => {
  const { context, page, problems, response } = await openPlayground();
  const policy = response.headers()["content-security-policy"];
  assert.match(policy, /script-src 'self'/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, button, textarea")]
      .filter((control) => !control.closest("template"))
      .filter((control) =>
        control.tagName === "BUTTON"
          ? control.textContent.trim() === "" && !control.getAttribute("aria-label")
          : control.labels.length === 0 && !control.getAttribute("aria-label"),
      )
      .map((control) => control.outerHTML),
  );
  assert.deepEqual(unlabelled, []);
  // Keyboard only: the first tab stop is the skip link, then the documentation links and the key.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to documents");
  await assertAccessible(page, "the page as it opens");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a wrong key is refused with the API's code", async () => {
  const { context, page } = await openPlayground();
  await useKey(page, "dg_live_0000000000000000_not-a-key");
  await assert.doesNotReject(
    page.getByText(/Key refused: INVALID_CREDENTIALS/).waitFor({ timeout: 10_000 }),
  );
  await context.close();
});

test("a scan and a PDF are uploaded, processed and shown page by page", async () => {
  const { context, page, problems } = await openPlayground({ viewport: { width: 1280, height: 900 } });
  await useKey(page, key);
  await page.getByText(/Key accepted/).waitFor();
  await page.getByLabel("Choose documents, or drop them here").setInputFiles([scan, pdf]);
  await page.getByRole("button", { name: "Process" }).click();

  const scanCard = card(page, basename(scan));
  const pdfCard = card(page, basename(pdf));
  for (const each of [scanCard, pdfCard]) {
    await each.locator('.job-status[data-status="succeeded"]').waitFor({ timeout: JOB_TIMEOUT });
    await each.locator(".page-image img:not([hidden])").waitFor();
  }

  // The scan: its words as OCR read them, the unsure ones marked, its page image beside them.
  const scanText = await scanCard.locator(".page-text").innerText();
  for (const word of scanWords) assert.ok(scanText.includes(word), `"${word}" in ${scanText}`);
  assert.ok((await scanCard.locator(".page-text [data-confidence]").count()) >= scanWords.length);
  assert.match(await scanCard.locator(".page-source").innerText(), /Recognised by OCR/);
  const imageWidth = await scanCard
    .locator(".page-image img")
    .evaluate((image) => image.complete && image.naturalWidth);
  assert.equal(imageWidth, 800);

  // The PDF: each page's text as the API gives it, page after page.
  const jobId = await pdfCard.getAttribute("data-job-id");
  const pagesOfApi = (await apiText(jobId)).split("\f");
  assert.ok(pagesOfApi.length > 1, "a PDF of several pages");
  const firstLine = pagesOfApi[0].trim().split("\n")[0];
  assert.ok((await pdfCard.locator(".page-text").innerText()).includes(firstLine));
  await pdfCard.getByRole("button", { name: "Next page" }).click();
  const secondLine = pagesOfApi[1].trim().split("\n")[0];
  await pdfCard.locator(".page-text", { hasText: secondLine }).waitFor();
  assert.equal(await pdfCard.locator(".page-select").inputValue(), "1");
  await page.screenshot({ path: join(screenshots, "playground-results.png"), fullPage: true });
  await assertAccessible(page, "two finished jobs with their pages shown");

  // Formats, by keyboard: arrow right from JSON is Markdown, then text, then hOCR.
  const tabs = scanCard.getByRole("tab");
  await tabs.first().focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await scanCard.getByRole("tab", { name: "Markdown" }).getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowRight");
  await scanCard.locator('.format-output[data-format="text"]', { hasText: scanWords[0] }).waitFor();
  await page.keyboard.press("ArrowRight");
  await scanCard.locator('.format-output[data-format="hocr"]', { hasText: "ocr_page" }).waitFor();

  // The searchable PDF of the scan downloads as a PDF.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    scanCard.getByRole("button", { name: "Download searchable PDF" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.searchable\.pdf$/);
  const saved = join(screenshots, download.suggestedFilename());
  await download.saveAs(saved);
  assert.equal(readFileSync(saved).subarray(0, 5).toString(), "%PDF-");

  await page.screenshot({ path: join(screenshots, "playground-formats.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the equivalent curl command names the key's variable, never the key", async () => {
  const { context, page } = await openPlayground();
  await useKey(page, key);
  await page.getByLabel("…or a document's URL").fill("https://example.com/report.pdf");
  await page.getByLabel("OCR", { exact: true }).selectOption("force");
  await page.getByRole("button", { name: "Copy as curl" }).click();
  const command = await page.locator("#curl").innerText();
  assert.match(command, /^curl /);
  assert.match(command, /\$DOCGRID_API_KEY/);
  assert.match(command, /"url":"https:\/\/example.com\/report.pdf"/);
  assert.match(command, /"ocr":"force"/);
  assert.ok(!command.includes(key));
  await context.close();
});

test("on a phone the page fits the screen", async () => {
  const { context, page } = await openPlayground({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `${overflow} px wider than the screen`);
  await assertAccessible(page, "the page on a phone");
  await page.screenshot({ path: join(screenshots, "playground-phone.png"), fullPage: true });
  await context.close();
});

test("Swagger UI authorises with a key and makes an authenticated call", async () => {
  const { context, page } = await openPlayground();
  await page.goto(`${url}/api/v1/docs`);
  await page.getByRole("button", { name: "Authorize" }).first().click();
  const bearer = page.locator(".auth-container").filter({ hasText: "bearer" }).first();
  await bearer.locator("input").first().fill(key);
  // The modal's buttons are labelled for screen readers ("Apply credentials", "Close modal").
  await bearer.locator("button.authorize").click();
  await bearer.getByRole("button", { name: "Remove authorization" }).waitFor();
  await page.locator("button.btn-done").first().click();

  const operation = page.locator("#operations-keys-whoAmI");
  await operation.locator(".opblock-summary").first().click();
  await operation.getByRole("button", { name: "Try it out" }).click();
  await operation.getByRole("button", { name: "Execute" }).click();
  const status = operation.locator(".live-responses-table tbody .response-col_status").first();
  await status.waitFor();
  assert.equal((await status.innerText()).trim(), "200");
  await page.screenshot({ path: join(screenshots, "swagger-ui-authorized.png"), fullPage: true });
  await context.close();
});
