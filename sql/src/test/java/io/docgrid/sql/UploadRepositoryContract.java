package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.JOBS;
import static io.docgrid.sql.schema.Tables.UPLOADS;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.NewJob;
import io.docgrid.sql.model.Upload;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link UploadRepository} must do. */
abstract class UploadRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final String SHA = "c".repeat(64);

  private UploadRepository uploads;

  protected abstract Database database();

  @BeforeEach
  void start_from_empty_tables() {
    database().dsl().deleteFrom(UPLOADS).execute();
    database().dsl().deleteFrom(JOBS).execute();
    uploads = new UploadRepository(database().dsl());
  }

  @Test
  void an_upload_is_stored_and_found_again() {
    Upload upload = upload(T0.plusSeconds(60));

    uploads.insert(upload);

    assertThat(uploads.findById(upload.id())).contains(upload);
    assertThat(uploads.findById(UUID.randomUUID())).isEmpty();
  }

  @Test
  void the_offset_moves_only_from_where_the_writer_found_it() {
    Upload upload = upload(T0.plusSeconds(60));
    uploads.insert(upload);

    assertThat(uploads.advance(upload.id(), 0, 40, null)).isTrue();
    assertThat(uploads.advance(upload.id(), 0, 40, null)).as("a racing writer").isFalse();
    assertThat(uploads.advance(upload.id(), 40, 100, SHA)).isTrue();

    Upload done = uploads.findById(upload.id()).orElseThrow();
    assertThat(done.offset()).isEqualTo(100);
    assertThat(done.isComplete()).isTrue();
    assertThat(done.documentSha256()).isEqualTo(SHA);
  }

  @Test
  void expired_uploads_are_found_oldest_first_and_deleted() {
    Upload older = upload(T0.minusSeconds(20));
    Upload newer = upload(T0.minusSeconds(10));
    Upload live = upload(T0.plusSeconds(10));
    uploads.insert(newer);
    uploads.insert(live);
    uploads.insert(older);

    assertThat(uploads.findExpired(T0, 10)).containsExactly(older, newer);
    assertThat(uploads.findExpired(T0, 1)).containsExactly(older);

    assertThat(uploads.delete(older.id())).isTrue();
    assertThat(uploads.delete(older.id())).isFalse();
    assertThat(uploads.findExpired(T0, 10)).containsExactly(newer);
  }

  @Test
  void a_document_counts_as_an_owners_only_through_that_owners_jobs() {
    JobRepository jobs = new JobRepository(database().dsl());
    jobs.insertQueued(
        new NewJob(
            UUID.randomUUID(),
            SHA,
            "scan.pdf",
            "application/pdf",
            100,
            "{}",
            "req-1",
            T0,
            "key:a",
            "FREE"));

    assertThat(uploads.ownerHasDocument("key:a", SHA)).isTrue();
    assertThat(uploads.ownerHasDocument("key:b", SHA)).isFalse();
    assertThat(uploads.ownerHasDocument("key:a", "d".repeat(64))).isFalse();
    assertThat(uploads.latestFileName("key:a", SHA)).contains("scan.pdf");
    assertThat(uploads.latestFileName("key:b", SHA)).isEmpty();
  }

  private static Upload upload(Instant expiresAt) {
    return new Upload(
        UUID.randomUUID(),
        "key:a",
        100,
        0,
        "scan.pdf",
        "filename c2Nhbi5wZGY=",
        null,
        T0,
        expiresAt);
  }
}
