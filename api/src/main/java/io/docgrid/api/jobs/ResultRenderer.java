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
      out.append(escape(page.text()).strip()).append('\n');
    }
    return out.toString();
  }

  /** The text layer is prose, not Markdown: escape what Markdown would otherwise interpret. */
  static String escape(String text) {
    String inline = MARKDOWN_SPECIAL.matcher(text).replaceAll("\\\\$1");
    String markers = MARKDOWN_LINE_MARKER.matcher(inline).replaceAll("$1\\\\$2");
    return MARKDOWN_ORDERED_ITEM.matcher(markers).replaceAll("$1$2\\\\.");
  }
}
