// One submitted document in the results list: its progress while it runs, then its pages.

import { ApiProblem } from "./api.js";
import { describeSource, showPageText } from "./page-text.js";

const IMAGE_WIDTH = 800;
const ENDED = new Set(["succeeded", "failed", "cancelled"]);

export class JobCard {
  /**
   * @param {HTMLTemplateElement} template the card's markup
   * @param {import("./api.js").DocGridApi} api
   * @param {string} name the document's name, shown until the job says otherwise
   */
  constructor(template, api, name) {
    this.api = api;
    this.element = template.content.firstElementChild.cloneNode(true);
    this.part = (selector) => this.element.querySelector(selector);
    this.part(".job-name").textContent = name;
    this.pageImages = new Map();
    this.setStatus("uploading");
  }

  /** Follows the job from its acceptance to its end, then shows its result. */
  async track(accepted) {
    this.element.dataset.jobId = accepted.id;
    let job = accepted;
    try {
      this.showJob(job);
      if (!ENDED.has(job.status)) {
        job = await this.untilEnded(job.id);
      }
      this.showJob(job);
      if (job.status === "succeeded") {
        await this.showResult(job);
      }
    } catch (e) {
      this.fail(e);
    }
  }

  /** Live progress through the event stream; long polls where the node has no stream to spare. */
  async untilEnded(id) {
    try {
      return await this.api.follow(id, (progress) => this.showJob(progress));
    } catch (e) {
      if (!(e instanceof ApiProblem) || e.status === 401 || e.status === 404) {
        throw e;
      }
    }
    for (;;) {
      const job = await this.api.job(id, 30);
      this.showJob(job);
      if (ENDED.has(job.status)) {
        return job;
      }
    }
  }

  showJob(job) {
    this.setStatus(job.status);
    const pages = job.pages || {};
    const progress = this.part(".job-progress");
    if (pages.total) {
      progress.max = pages.total;
      progress.value = (pages.done || 0) + (pages.failed || 0);
      progress.setAttribute("aria-label", `${progress.value} of ${pages.total} pages processed`);
    }
    const parts = [];
    if (pages.total) {
      parts.push(`${pages.done || 0} of ${pages.total} pages done`);
      if (pages.ocr) parts.push(`${pages.ocr} by OCR`);
      if (pages.failed) parts.push(`${pages.failed} failed`);
    }
    if (job.cacheHit) parts.push("answered from the result cache");
    if (job.error) parts.push(`${job.error.code}: ${job.error.message}`);
    this.part(".job-detail").textContent = parts.join(" · ");
  }

  setStatus(status) {
    const label = this.part(".job-status");
    label.textContent = status;
    label.dataset.status = status;
    this.element.dataset.status = status;
  }

  fail(error) {
    this.setStatus("error");
    this.part(".job-detail").textContent =
      error instanceof ApiProblem ? error.describe() : String(error);
  }

  async showResult(job) {
    this.result = await this.api.resultJson(job.id);
    const pages = this.result.pages;
    const select = this.part(".page-select");
    select.replaceChildren(
      ...pages.map((page, index) => new Option(String(page.number), String(index))),
    );
    select.addEventListener("change", () => this.showPage(Number(select.value)));
    this.part(".page-prev").addEventListener("click", () => this.step(-1));
    this.part(".page-next").addEventListener("click", () => this.step(1));
    this.part(".download-pdf").addEventListener("click", () => this.downloadPdf(job));
    this.setUpFormats(job.id);
    this.part(".job-result").hidden = false;
    await this.showPage(0);
  }

  step(by) {
    const select = this.part(".page-select");
    const index = Number(select.value) + by;
    if (index >= 0 && index < this.result.pages.length) {
      select.value = String(index);
      this.showPage(index);
    }
  }

  async showPage(index) {
    const page = this.result.pages[index];
    const name = this.part(".job-name").textContent;
    this.part(".page-prev").disabled = index === 0;
    this.part(".page-next").disabled = index === this.result.pages.length - 1;
    this.part(".page-source").textContent = describeSource(page);
    const marked = showPageText(this.part(".page-text"), page);
    this.part(".legend").hidden = !marked;
    await this.showImage(page.number, name);
  }

  async showImage(number, name) {
    const image = this.part(".page-image img");
    const caption = this.part(".page-image figcaption");
    caption.textContent = `Page ${number} of ${name}`;
    try {
      if (!this.pageImages.has(number)) {
        const blob = await this.api.pageImage(this.element.dataset.jobId, number, IMAGE_WIDTH);
        this.pageImages.set(number, URL.createObjectURL(blob));
      }
      image.src = this.pageImages.get(number);
      image.alt = `Page ${number} of ${name}, as rendered by the server`;
      image.hidden = false;
    } catch (e) {
      image.hidden = true;
      caption.textContent = `No image of page ${number}: ${e instanceof ApiProblem ? e.message : e}`;
    }
  }

  setUpFormats(id) {
    const tabs = [...this.element.querySelectorAll('[role="tab"]')];
    const output = this.part(".format-output");
    const choose = async (tab) => {
      for (const other of tabs) {
        const chosen = other === tab;
        other.setAttribute("aria-selected", String(chosen));
        other.tabIndex = chosen ? 0 : -1;
      }
      const format = tab.dataset.format;
      output.dataset.format = format;
      output.setAttribute("aria-label", `Result as ${tab.textContent}`);
      try {
        output.textContent =
          format === "json"
            ? JSON.stringify(this.result, null, 2)
            : await this.api.resultText(id, format);
      } catch (e) {
        output.textContent = e instanceof ApiProblem ? e.describe() : String(e);
      }
    };
    tabs.forEach((tab, index) => {
      tab.addEventListener("click", () => choose(tab));
      tab.addEventListener("keydown", (event) => {
        const by = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (by) {
          const next = tabs[(index + by + tabs.length) % tabs.length];
          next.focus();
          choose(next);
        }
      });
    });
    choose(tabs[0]);
  }

  async downloadPdf(job) {
    const button = this.part(".download-pdf");
    try {
      const blob = await this.api.resultBlob(job.id, "pdf");
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      const name = (job.document && job.document.fileName) || "document";
      link.download = name.replace(/\.[^.]*$/, "") + ".searchable.pdf";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (e) {
      button.textContent = `No searchable PDF: ${e instanceof ApiProblem ? e.code : e}`;
      button.disabled = true;
    }
  }
}
