package io.docgrid.api.jobs;

import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import java.util.regex.Pattern;

/** Renders a result as plain text or Markdown, page by page, with explicit page breaks. */
final class ResultRenderer {

  /** Form feed between pages, as pdftotext and most text tools expect. */
  static final String TEXT_PAGE_BREAK = "\f";

  private static final Pattern MARKDOWN_SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>|])");
  private static final Pattern MARKDOWN_LINE_MARKER = Pattern.compile("(?m)^(\\s*)([#>+\\-=])");
  private static final Pattern MARKDOWN_ORDERED_ITEM = Pattern.compile("(?m)^(\\s*)(\\d+)\\.");

  private ResultRenderer() {}

  static String text(JobResult result) {
    StringBuilder out = new StringBuilder();
    for (ResultPage page : result.pages()) {
      if (page.number() > result.pages().get(0).number()) {
        out.append(TEXT_PAGE_BREAK);
      }
      out.append(page.text());
      if (!page.text().endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  static String markdown(JobResult result) {
    StringBuilder out = new StringBuilder();
    for (ResultPage page : result.pages()) {
      if (out.length() > 0) {
        out.append("\n---\n\n");
      }
      out.append("<!-- page ").append(page.number()).append(" -->\n\n");
      String body = page.markdown() != null ? page.markdown() : escape(page.text());
      out.append(body.strip()).append('\n');
    }
    return out.toString();
  }

  /**
   * The OCRed pages as one hOCR document. Tesseract numbers the ids of every page it is given from
   * 1, so each page's ids and page number are renumbered to stay unique in the document.
   */
  static String hocr(JobResult result) {
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"")
        .append(" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n")
        .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n")
        .append(" <head>\n  <title>")
        .append(result.document() == null ? "" : result.document().sha256())
        .append("</title>\n")
        .append("  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n")
        .append("  <meta name=\"ocr-system\" content=\"DocGrid (Tesseract)\"/>\n")
        .append(
            "  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line"
                + " ocrx_word ocrp_wconf\"/>\n")
        .append(" </head>\n <body>\n");
    for (ResultPage page : result.pages()) {
      if (page.ocr() != null && page.ocr().hocr() != null) {
        out.append(renumber(page.ocr().hocr(), page.number()));
      }
    }
    return out.append(" </body>\n</html>\n").toString();
  }

  private static final Pattern HOCR_ID =
      Pattern.compile("id='(page|block|par|line|word|photo|table|caption)_1(_|')");
  private static final Pattern HOCR_PAGE_NUMBER = Pattern.compile("ppageno \\d+");

  private static String renumber(String pageHocr, int number) {
    String ids = HOCR_ID.matcher(pageHocr).replaceAll("id='$1_" + number + "$2");
    return HOCR_PAGE_NUMBER.matcher(ids).replaceAll("ppageno " + (number - 1));
  }

  /** The text layer is prose, not Markdown: escape what Markdown would otherwise interpret. */
  static String escape(String text) {
    String inline = MARKDOWN_SPECIAL.matcher(text).replaceAll("\\\\$1");
    String markers = MARKDOWN_LINE_MARKER.matcher(inline).replaceAll("$1\\\\$2");
    return MARKDOWN_ORDERED_ITEM.matcher(markers).replaceAll("$1$2\\\\.");
  }
}
