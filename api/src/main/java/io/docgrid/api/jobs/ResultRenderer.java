package io.docgrid.api.jobs;

import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;

/**
 * Renders a result as plain text, Markdown or hOCR, writing each page as it is read, with explicit
 * page breaks.
 */
final class ResultRenderer {

  /** Form feed between pages, as pdftotext and most text tools expect. */
  static final String TEXT_PAGE_BREAK = "\f";

  private static final Pattern MARKDOWN_SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>|])");
  private static final Pattern MARKDOWN_LINE_MARKER = Pattern.compile("(?m)^(\\s*)([#>+\\-=])");
  private static final Pattern MARKDOWN_ORDERED_ITEM = Pattern.compile("(?m)^(\\s*)(\\d+)\\.");

  private ResultRenderer() {}

  /** Writes the pages' text, a form feed between pages. */
  static void text(PageSource pages, Writer out) throws IOException {
    boolean[] first = {true};
    pages.forEach(
        page -> {
          if (!first[0]) {
            out.write(TEXT_PAGE_BREAK);
          }
          first[0] = false;
          out.write(page.text());
          if (!page.text().endsWith("\n")) {
            out.write('\n');
          }
        });
  }

  /** Writes the pages as Markdown, each after a comment with its number, a rule between pages. */
  static void markdown(PageSource pages, Writer out) throws IOException {
    boolean[] first = {true};
    pages.forEach(
        page -> {
          if (!first[0]) {
            out.write("\n---\n\n");
          }
          first[0] = false;
          out.write("<!-- page " + page.number() + " -->\n\n");
          String body = page.markdown() != null ? page.markdown() : escape(page.text());
          out.write(body.strip());
          out.write('\n');
        });
  }

  /**
   * Writes the OCRed pages as one hOCR document. Tesseract numbers the ids of every page it is
   * given from 1, so each page's ids and page number are renumbered to stay unique in the document.
   *
   * @param title the document's SHA-256, or empty
   */
  static void hocr(String title, PageSource pages, Writer out) throws IOException {
    out.write(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\""
            + " \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
            + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
            + " <head>\n  <title>"
            + title
            + "</title>\n"
            + "  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
            + "  <meta name=\"ocr-system\" content=\"DocGrid (Tesseract)\"/>\n"
            + "  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line"
            + " ocrx_word ocrp_wconf\"/>\n"
            + " </head>\n <body>\n");
    pages.forEach(
        page -> {
          if (page.ocr() != null && page.ocr().hocr() != null) {
            out.write(renumber(page.ocr().hocr(), page.number()));
          }
        });
    out.write(" </body>\n</html>\n");
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
