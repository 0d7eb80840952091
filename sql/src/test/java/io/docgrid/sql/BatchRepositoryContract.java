package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.BATCHES;
import static io.docgrid.sql.schema.Tables.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.Batch;
import io.docgrid.sql.model.BatchCounts;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.NewJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link BatchRepository} must do. */
abstract class BatchRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final String OWNER = "tenant-a";

  private BatchRepository batches;
  private JobRepository jobs;

  protected abstract Database database();

  @BeforeEach
  void start_from_empty_tables() {
    database().dsl().deleteFrom(JOBS).execute();
    database().dsl().deleteFrom(BATCHES).execute();
    batches = new BatchRepository(database().dsl());
    jobs = new JobRepository(database().dsl());
  }

  @Test
  void a_batch_is_stored_open_and_found_again() {
    UUID id = UUID.randomUUID();

    Batch stored = batches.insertOpen(id, OWNER, T0);

    assertThat(stored).isEqualTo(new Batch(id, OWNER, null, T0, null));
    assertThat(batches.findById(id)).contains(stored);
    assertThat(batches.findById(UUID.randomUUID())).isEmpty();
  }

  @Test
  void a_batch_left_open_and_untouched_is_sealed_once_with_the_jobs_it_has() {
    UUID abandoned = batches.insertOpen(UUID.randomUUID(), OWNER, T0).id();
    UUID busy = batches.insertOpen(UUID.randomUUID(), OWNER, T0).id();
    UUID sealed = batches.insertOpen(UUID.randomUUID(), OWNER, T0).id();
    jobs.insertQueued(job(abandoned, 0, null));
    jobs.insertQueued(job(abandoned, 1, null));
    jobs.insertQueued(job(busy, 2, null));
    batches.touch(busy, T0.plusSeconds(120));
    batches.seal(sealed, 0);

    assertThat(batches.sealAbandoned(T0, 10)).isEmpty();
    assertThat(batches.sealAbandoned(T0.plusSeconds(60), 10)).containsExactly(abandoned);
    assertThat(batches.findById(abandoned).orElseThrow().jobCount()).isEqualTo(2);
    assertThat(batches.findById(busy).orElseThrow().jobCount()).isNull();
    assertThat(batches.sealAbandoned(T0.plusSeconds(60), 10)).isEmpty();

    batches.touch(sealed, T0.plusSeconds(180));
    assertThat(batches.sealAbandoned(T0.plusSeconds(240), 10)).containsExactly(busy);
    assertThat(batches.findById(sealed).orElseThrow().jobCount()).isZero();
  }

  @Test
  void counts_and_unfinished_jobs_follow_the_jobs_statuses() {
    UUID batch = batches.insertOpen(UUID.randomUUID(), OWNER, T0).id();
    Job queued = jobs.insertQueued(job(batch, 0, null));
    Job running = jobs.insertQueued(job(batch, 1, null));
    Job failed = jobs.insertQueued(job(batch, 2, null));
    Job other = jobs.insertQueued(job(null, 3, null));
    jobs.markRunning(running.id(), "node-1", T0);
    jobs.markFailed(failed.id(), "DOCUMENT_CORRUPT", "broken", T0);
    jobs.markCancelled(other.id(), T0);

    assertThat(batches.counts(batch)).isEqualTo(new BatchCounts(1, 1, 0, 1, 0));
    assertThat(batches.unfinishedJobIds(batch))
        .containsExactlyInAnyOrder(queued.id(), running.id());
  }

  @Test
  void the_jobs_of_a_batch_page_newest_first_and_show_their_source() {
    UUID batch = batches.insertOpen(UUID.randomUUID(), OWNER, T0).id();
    Job first = jobs.insertQueued(job(batch, 0, "https://example.org/a.pdf"));
    Job second = jobs.insertQueued(job(batch, 1, null));
    Job third = jobs.insertQueued(job(batch, 2, null));
    jobs.insertQueued(job(null, 3, null));

    List<Job> page1 = batches.listJobs(batch, 2, Optional.empty());
    List<Job> page2 = batches.listJobs(batch, 2, Optional.of(JobCursor.after(page1.get(1))));

    assertThat(page1).extracting(Job::id).containsExactly(third.id(), second.id());
    assertThat(page2).extracting(Job::id).containsExactly(first.id());
    assertThat(page2.get(0).batchId()).isEqualTo(batch);
    assertThat(page2.get(0).sourceUrl()).isEqualTo("https://example.org/a.pdf");
  }

  @Test
  void a_batch_completes_once_when_sealed_and_all_its_jobs_ended() {
    UUID batch = batches.insertOpen(UUID.randomUUID(), OWNER, T0).id();
    Job a = jobs.insertQueued(job(batch, 0, null));
    Job b = jobs.insertQueued(job(batch, 1, null));
    jobs.markCancelled(a.id(), T0);
    jobs.markCancelled(b.id(), T0);

    assertThat(batches.completeIfEnded(batch, T0)).as("open: jobs may still come").isFalse();
    batches.seal(batch, 2);
    assertThat(batches.completeIfEnded(batch, T0.plusSeconds(1))).isTrue();
    assertThat(batches.completeIfEnded(batch, T0.plusSeconds(2))).as("only once").isFalse();
    assertThat(batches.findById(batch).orElseThrow().completedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void a_sealed_batch_with_a_job_left_is_not_complete() {
    UUID batch = batches.insertOpen(UUID.randomUUID(), OWNER, T0).id();
    Job a = jobs.insertQueued(job(batch, 0, null));
    jobs.insertQueued(job(batch, 1, null));
    jobs.markCancelled(a.id(), T0);
    batches.seal(batch, 2);

    assertThat(batches.completeIfEnded(batch, T0)).isFalse();
    assertThat(batches.findById(batch).orElseThrow().completedAt()).isNull();
  }

  private static NewJob job(UUID batch, int second, String sourceUrl) {
    return new NewJob(
        UUID.randomUUID(),
        "a".repeat(64),
        "scan.pdf",
        "application/pdf",
        10L,
        "{}",
        "req-1",
        T0.plusSeconds(second),
        OWNER,
        "FREE",
        batch,
        sourceUrl);
  }
}
