package io.docgrid.tasks.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.process.StoredDocument.FailedPage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredRangesTest {

  @Test
  void ranges_counted_in_any_order_sum_up_with_the_first_ranges_facts() {
    StoredRanges ranges = new StoredRanges(3);

    ranges.processed(2, range("node-c", 300, new PageText(5, "five", PageText.OCR)));
    ranges.failed(List.of(PageText.failed(3, DocumentErrorCode.PROCESSING_TIMEOUT, "slow")));
    ranges.processed(
        0,
        range(
            "node-a",
            120,
            new PageText(1, "one", PageText.TEXT_LAYER),
            PageText.failed(2, DocumentErrorCode.PROCESSING_FAILED, "broken")));

    StoredDocument summary = ranges.summary();
    assertThat(summary.parts()).isEqualTo(3);
    assertThat(summary.pages()).isEqualTo(4);
    assertThat(summary.ocrPages()).isEqualTo(1);
    assertThat(summary.failedPages())
        .containsExactly(
            new FailedPage(2, DocumentErrorCode.PROCESSING_FAILED, "broken"),
            new FailedPage(3, DocumentErrorCode.PROCESSING_TIMEOUT, "slow"));
    assertThat(summary.metadata()).containsEntry("title", "from node-a");
    assertThat(summary.nodeIds()).containsExactlyInAnyOrder("node-a", "node-c");
    assertThat(summary.elapsedMillis()).isEqualTo(300);
    assertThat(summary.failedWhole()).isFalse();
  }

  @Test
  void no_summary_without_a_range_that_came_through() {
    StoredRanges ranges = new StoredRanges(1);
    ranges.failed(List.of(PageText.failed(1, DocumentErrorCode.PROCESSING_FAILED, "broken")));

    assertThat(ranges.anyProcessed()).isFalse();
    assertThatThrownBy(ranges::summary).isInstanceOf(IllegalStateException.class);
  }

  private static ProcessedDocument range(String node, long elapsed, PageText... pages) {
    return new ProcessedDocument(
        new ExtractedDocument(
            "application/pdf", 5, Map.of("title", "from " + node), List.of(pages)),
        List.of(node),
        "pipeline-1",
        Map.of("tika", "3"),
        elapsed);
  }
}
