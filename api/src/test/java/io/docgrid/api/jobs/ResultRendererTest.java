package io.docgrid.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.ResultDocument;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultRendererTest {

  private final JobResult twoPages =
      new JobResult(
          new ResultDocument("ab", "application/pdf", 2, Map.of()),
          List.of(
              new ResultPage(1, "First page\nline two", "text-layer"),
              new ResultPage(2, "# not a heading *really*\n1. item", "text-layer")));

  @Test
  void text_separates_pages_with_form_feeds() {
    assertThat(ResultRenderer.text(twoPages))
        .isEqualTo("First page\nline two\n\f# not a heading *really*\n1. item\n");
  }

  @Test
  void markdown_marks_each_page_and_escapes_what_markdown_would_interpret() {
    String markdown = ResultRenderer.markdown(twoPages);
    assertThat(markdown)
        .startsWith("<!-- page 1 -->\n\nFirst page\nline two\n")
        .contains("\n---\n\n<!-- page 2 -->\n\n")
        .contains("\\# not a heading \\*really\\*")
        .contains("1\\. item");
  }
}
