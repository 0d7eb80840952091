package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.QUARANTINED_DOCUMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.QuarantinedDocument;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link QuarantineRepository} must do. */
abstract class QuarantineRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  private QuarantineRepository quarantine;

  protected abstract Database database();

  @BeforeEach
  void start_from_an_empty_table() {
    database().dsl().deleteFrom(QUARANTINED_DOCUMENTS).execute();
    quarantine = new QuarantineRepository(database().dsl());
  }

  @Test
  void a_document_is_quarantined_once_listed_newest_first_and_released() {
    QuarantinedDocument first = document("a", T0);
    QuarantinedDocument second = document("b", T0.plusSeconds(1));

    assertThat(quarantine.add(first)).isTrue();
    assertThat(quarantine.add(document("a", T0.plusSeconds(5)))).isFalse();
    assertThat(quarantine.add(second)).isTrue();

    assertThat(quarantine.find(first.documentSha256())).contains(first);
    assertThat(quarantine.list(10)).containsExactly(second, first);
    assertThat(quarantine.list(1)).containsExactly(second);

    assertThat(quarantine.release(first.documentSha256())).isTrue();
    assertThat(quarantine.release(first.documentSha256())).isFalse();
    assertThat(quarantine.find(first.documentSha256())).isEmpty();
  }

  @Test
  void a_long_reason_is_cut_to_fit() {
    QuarantinedDocument long_ =
        new QuarantinedDocument("d".repeat(64), UUID.randomUUID(), "x".repeat(5000), 2, T0);

    quarantine.add(long_);

    assertThat(quarantine.find(long_.documentSha256()).orElseThrow().reason()).hasSize(2000);
  }

  private static QuarantinedDocument document(String letter, Instant at) {
    return new QuarantinedDocument(
        letter.repeat(64), UUID.randomUUID(), "lost 2 workers while processing it", 2, at);
  }
}
