package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

  @Test
  void a_spent_budget_has_expired_and_leaves_pages_the_minimum() {
    TimeBudget spent = TimeBudget.startingNow(Duration.ZERO, Duration.ofMinutes(1));
    assertThat(spent.documentExpired()).isTrue();
    assertThat(spent.pageMillis()).isEqualTo(1);
  }

  @Test
  void a_page_gets_its_own_budget_while_the_document_has_more() {
    TimeBudget budget = TimeBudget.startingNow(Duration.ofHours(1), Duration.ofSeconds(30));
    assertThat(budget.documentExpired()).isFalse();
    assertThat(budget.pageMillis()).isEqualTo(30_000);
    assertThat(TimeBudget.UNLIMITED.documentExpired()).isFalse();
  }

  @Test
  void pages_after_the_document_budget_fail_with_a_timeout_and_the_document_says_which()
      throws Exception {
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    ExtractedDocument document =
        new TextExtractor()
            .extract(
                pdf,
                "application/pdf",
                ProcessingOptions.TEXT_ONLY,
                PageRecognizer.NONE,
                TimeBudget.startingNow(Duration.ZERO, Duration.ofMinutes(1)));

    assertThat(document.pageCount()).isEqualTo(4);
    assertThat(document.pages())
        .hasSize(4)
        .allSatisfy(
            page -> {
              assertThat(page.source()).isEqualTo(PageText.FAILED);
              assertThat(page.error().code()).isEqualTo(DocumentErrorCode.PROCESSING_TIMEOUT);
            });
  }
}
