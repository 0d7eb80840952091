package io.docgrid.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.ResultDocument;
import io.docgrid.api.jobs.JobResponses.ResultOcr;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultRendererTest {

  private static final String TESSERACT_PAGE =
      "  <div class='ocr_page' id='page_1' title='image \"\"; bbox 0 0 100 50; ppageno 0'>\n"
          + "   <div class='ocr_carea' id='block_1_1'><p class='ocr_par' id='par_1_1'>"
          + "<span class='ocr_line' id='line_1_1'><span class='ocrx_word' id='word_1_1'"
          + " title='bbox 1 1 20 10; x_wconf 96'>Hello</span></span></p></div>\n  </div>\n";

  private final JobResult twoPages =
      new JobResult(
          JobResult.SCHEMA_VERSION,
          new ResultDocument("ab", "application/pdf", 2, Map.of()),
          false,
          List.of(),
          List.of(
              new ResultPage(1, "First page\nline two", "text-layer", null, null, null, null),
              new ResultPage(
                  2, "# not a heading *really*\n1. item", "text-layer", null, null, null, null)),
          null);

  @Test
  void text_separates_pages_with_form_feeds() throws IOException {
    assertThat(text(twoPages))
        .isEqualTo("First page\nline two\n\f# not a heading *really*\n1. item\n");
  }

  @Test
  void markdown_marks_each_page_and_escapes_what_markdown_would_interpret() throws IOException {
    String markdown = markdown(twoPages);
    assertThat(markdown)
        .startsWith("<!-- page 1 -->\n\nFirst page\nline two\n")
        .contains("\n---\n\n<!-- page 2 -->\n\n")
        .contains("\\# not a heading \\*really\\*")
        .contains("1\\. item");
  }

  @Test
  void hocr_holds_the_ocred_pages_with_ids_unique_across_pages() throws IOException {
    ResultOcr ocr = new ResultOcr(96, 96, 0, 0, 300, List.of(), TESSERACT_PAGE);
    JobResult scanned =
        new JobResult(
            JobResult.SCHEMA_VERSION,
            new ResultDocument("ab", "image/tiff", 3, Map.of()),
            false,
            List.of(),
            List.of(
                new ResultPage(1, "Hello", "ocr", ocr, null, null, null),
                new ResultPage(2, "text", "text-layer", null, null, null, null),
                new ResultPage(3, "Hello", "ocr", ocr, null, null, null)),
            null);

    String hocr = hocr(scanned);

    assertThat(hocr)
        .startsWith("<?xml")
        .contains("id='page_1'", "id='word_1_1'", "ppageno 0")
        .contains("id='page_3'", "id='word_3_1'", "id='block_3_1'", "ppageno 2")
        .doesNotContain("page_2");
  }

  @Test
  void json_results_leave_the_hocr_and_markdown_out() throws IOException {
    ResultOcr ocr = new ResultOcr(96, 96, 0, 0, 300, List.of(), TESSERACT_PAGE);
    JobResult scanned =
        new JobResult(
            JobResult.SCHEMA_VERSION,
            null,
            false,
            List.of(),
            List.of(new ResultPage(1, "Hello", "ocr", ocr, null, null, null)),
            null);
    assertThat(scanned.forJson().pages().get(0).ocr().hocr()).isNull();
    assertThat(scanned.pages().get(0).ocr().hocr()).isNotNull();
  }

  @Test
  void markdown_uses_the_structure_kept_from_the_source_where_there_is_one() throws IOException {
    JobResult docx =
        new JobResult(
            JobResult.SCHEMA_VERSION,
            null,
            false,
            List.of(),
            List.of(
                new ResultPage(
                    1,
                    "Title\nBody *text*",
                    "text-layer",
                    null,
                    null,
                    null,
                    "# Title\n\nBody \\*text\\*")),
            null);
    assertThat(markdown(docx)).isEqualTo("<!-- page 1 -->\n\n# Title\n\nBody \\*text\\*\n");
  }

  private static String text(JobResult result) throws IOException {
    StringWriter out = new StringWriter();
    ResultRenderer.text(pagesOf(result), out);
    return out.toString();
  }

  private static String markdown(JobResult result) throws IOException {
    StringWriter out = new StringWriter();
    ResultRenderer.markdown(pagesOf(result), out);
    return out.toString();
  }

  private static String hocr(JobResult result) throws IOException {
    StringWriter out = new StringWriter();
    ResultRenderer.hocr(result.document().sha256(), pagesOf(result), out);
    return out.toString();
  }

  private static PageSource pagesOf(JobResult result) {
    return visitor -> {
      for (ResultPage page : result.pages()) {
        visitor.visit(page);
      }
    };
  }
}
