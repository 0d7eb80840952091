package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.JOBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.docgrid.sql.model.FirstLook;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.JobSuccess;
import io.docgrid.sql.model.NewJob;
import io.docgrid.sql.model.PageProgress;
import io.docgrid.sql.model.StoredBlobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JobRepository} must do. Subclasses open a migrated {@link
 * Database} once per class; each test starts from an empty jobs table.
 */
abstract class JobRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final String SHA256 =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private static final String OWNER = "key:6c1f0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";
  private static final String OTHER_OWNER = "oauth:https://id.example.com#alice";

  private JobRepository jobs;

  protected abstract Database database();

  @BeforeEach
  void start_from_an_empty_table() {
    database().dsl().deleteFrom(JOBS).execute();
    jobs = new JobRepository(database().dsl());
  }

  @Test
  void insert_queued_stores_a_queued_job_without_attempts() {
    NewJob request = newJob(T0);

    Job stored = jobs.insertQueued(request);

    assertThat(stored)
        .isEqualTo(
            new Job(
                request.id(),
                JobStatus.QUEUED,
                T0,
                null,
                null,
                T0,
                SHA256,
                "scan.pdf",
                "application/pdf",
                1234L,
                "{\"ocr\":true,\"lang\":\"eng\"}",
                null,
                null,
                null,
                0,
                null,
                "req-1",
                PageProgress.NONE,
                OWNER,
                "FREE",
                null,
                false,
                null,
                null,
                null,
                null,
                null));
    assertThat(jobs.findById(request.id())).contains(stored);
  }

  @Test
  void insert_queued_keeps_microseconds_and_drops_nanoseconds() {
    Instant withNanos = Instant.parse("2026-03-01T10:15:30.123456789Z");

    Job stored = jobs.insertQueued(newJob(withNanos));

    Instant expected = Instant.parse("2026-03-01T10:15:30.123456Z");
    assertThat(stored.createdAt()).isEqualTo(expected);
    assertThat(jobs.findById(stored.id()).orElseThrow().createdAt()).isEqualTo(expected);
  }

  @Test
  void insert_queued_keeps_long_options_text_intact() {
    String options = "{\"pages\":\"" + "1,".repeat(20_000) + "\"}";
    NewJob request =
        new NewJob(
            UUID.randomUUID(),
            SHA256,
            "big.pdf",
            "application/pdf",
            1,
            options,
            "req-2",
            T0,
            OWNER,
            "FREE");

    jobs.insertQueued(request);

    assertThat(jobs.findById(request.id()).orElseThrow().options()).isEqualTo(options);
  }

  @Test
  void
      an_ending_not_told_is_found_once_it_is_old_enough_until_it_is_told_and_again_after_a_retry() {
    Job failed = jobs.insertQueued(newJob(T0));
    Job running = jobs.insertQueued(newJob(T0));
    Job told = jobs.insertQueued(newJob(T0));
    jobs.markFailed(failed.id(), "DOCUMENT_CORRUPT", "broken", T0.plusSeconds(1));
    jobs.markRunning(running.id(), "node-a", T0.plusSeconds(1));
    jobs.markCancelled(told.id(), T0.plusSeconds(1));
    jobs.markEndingsTold(List.of(told.id()));

    assertThat(jobs.findEndedUntold(T0, T0.plusSeconds(1), 10)).isEmpty();
    assertThat(jobs.findEndedUntold(T0, T0.plusSeconds(2), 10))
        .extracting(Job::id)
        .containsExactly(failed.id());

    jobs.markEndingsTold(List.of(failed.id()));
    assertThat(jobs.findEndedUntold(T0, T0.plusSeconds(2), 10)).isEmpty();

    assertThat(jobs.retry(failed.id(), T0.plusSeconds(3))).isTrue();
    jobs.markFailed(failed.id(), "DOCUMENT_CORRUPT", "still broken", T0.plusSeconds(4));
    assertThat(jobs.findEndedUntold(T0, T0.plusSeconds(5), 10))
        .extracting(Job::id)
        .containsExactly(failed.id());
    assertThat(jobs.findEndedUntold(T0.plusSeconds(5), T0.plusSeconds(6), 10))
        .as("ended before the window")
        .isEmpty();
  }

  @Test
  void find_by_id_is_empty_for_an_unknown_job() {
    jobs.insertQueued(newJob(T0));

    assertThat(jobs.findById(UUID.randomUUID())).isEmpty();
  }

  @Test
  void succeed_finishes_a_queued_job_in_one_update_with_its_facts_start_and_attempt() {
    Job job = jobs.insertQueued(newJob(T0));
    Instant started = T0.plusSeconds(1);
    Instant finished = T0.plusSeconds(2);
    FirstLook look = new FirstLook("application/pdf", 12, 4, true);

    Job done =
        jobs.succeed(
                job.id(),
                new JobSuccess(look, new PageProgress(4, 3, 1, 2), true, "node-a", started, null),
                finished)
            .orElseThrow();

    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.pageCount()).isEqualTo(12);
    assertThat(done.documentEncrypted()).isTrue();
    assertThat(done.pages()).isEqualTo(new PageProgress(4, 3, 1, 2));
    assertThat(done.startedAt()).isEqualTo(started);
    assertThat(done.finishedAt()).isEqualTo(finished);
    assertThat(done.nodeId()).isEqualTo("node-a");
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(done.cacheHit()).isFalse();
    assertThat(jobs.findById(job.id())).contains(done);
    assertThat(
            jobs.succeed(
                job.id(),
                new JobSuccess(look, PageProgress.NONE, true, "node-b", started, null),
                finished))
        .isEmpty();
  }

  @Test
  void succeed_keeps_a_recorded_start_and_counts_no_second_attempt() {
    Job job = jobs.insertQueued(newJob(T0));
    jobs.markRunning(job.id(), "node-a", T0.plusSeconds(1));

    Job done =
        jobs.succeed(
                job.id(),
                new JobSuccess(
                    new FirstLook("text/plain", 1, 1, false),
                    new PageProgress(1, 1, 0, 0),
                    true,
                    "node-b",
                    T0.plusSeconds(5),
                    null),
                T0.plusSeconds(6))
            .orElseThrow();

    assertThat(done.attempts()).isEqualTo(1);
    assertThat(done.nodeId()).isEqualTo("node-a");
    assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(done.mediaType()).isEqualTo("text/plain");
  }

  @Test
  void succeed_with_a_reused_result_counts_no_attempt_and_marks_the_hit() {
    Job job = jobs.insertQueued(newJob(T0));

    Job done =
        jobs.succeed(
                job.id(),
                new JobSuccess(
                    new FirstLook("application/pdf", 2, 2, false),
                    new PageProgress(2, 2, 0, 0),
                    false,
                    null,
                    null,
                    null),
                T0.plusSeconds(1))
            .orElseThrow();

    assertThat(done.attempts()).isZero();
    assertThat(done.cacheHit()).isTrue();
    assertThat(done.startedAt()).isNull();
  }

  @Test
  void succeed_for_a_lease_holder_that_lost_the_job_changes_nothing() {
    Job job = jobs.insertLeased(newJob(T0), "node-a", T0.plusSeconds(30));
    JobSuccess byOther =
        new JobSuccess(
            new FirstLook("application/pdf", 1, 1, false),
            new PageProgress(1, 1, 0, 0),
            true,
            "node-b",
            T0,
            "node-b");

    assertThat(jobs.succeed(job.id(), byOther, T0.plusSeconds(1))).isEmpty();
    assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(
            jobs.succeed(
                job.id(),
                new JobSuccess(byOther.firstLook(), byOther.pages(), true, "node-a", T0, "node-a"),
                T0.plusSeconds(1)))
        .isPresent();
  }

  @Test
  void a_first_look_is_recorded_once() {
    Job job = jobs.insertQueued(newJob(T0));
    FirstLook look =
        new FirstLook(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 3, 3, false);

    assertThat(jobs.recordFirstLook(job.id(), look, T0.plusSeconds(1))).isTrue();
    assertThat(jobs.recordFirstLook(job.id(), look, T0.plusSeconds(2))).isFalse();

    Job counted = jobs.findById(job.id()).orElseThrow();
    assertThat(counted.isCounted()).isTrue();
    assertThat(counted.mediaType()).isEqualTo(look.mediaType());
    assertThat(counted.pageCount()).isEqualTo(3);
    assertThat(counted.pages().total()).isEqualTo(3);
    assertThat(counted.documentEncrypted()).isFalse();
    assertThat(counted.updatedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void mark_running_only_moves_queued_jobs() {
    Job job = jobs.insertQueued(newJob(T0));
    Instant at = T0.plusSeconds(1);

    assertThat(jobs.markRunning(job.id(), "node-a", at)).isTrue();

    Job running = jobs.findById(job.id()).orElseThrow();
    assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(running.nodeId()).isEqualTo("node-a");
    assertThat(running.startedAt()).isEqualTo(at);
    assertThat(running.updatedAt()).isEqualTo(at);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(jobs.markRunning(job.id(), "node-b", T0.plusSeconds(2))).isFalse();
    assertThat(jobs.findById(job.id())).contains(running);
  }

  @Test
  void mark_running_on_a_succeeded_job_returns_false_and_changes_nothing() {
    Job job = jobs.insertQueued(newJob(T0));
    jobs.markSucceeded(job.id(), 3, T0.plusSeconds(1));
    Job succeeded = jobs.findById(job.id()).orElseThrow();

    assertThat(jobs.markRunning(job.id(), "node-a", T0.plusSeconds(2))).isFalse();

    assertThat(jobs.findById(job.id())).contains(succeeded);
  }

  @Test
  void mark_running_counts_one_attempt_per_claim_across_requeues() {
    Job job = jobs.insertQueued(newJob(T0));

    jobs.markRunning(job.id(), "node-a", T0.plusSeconds(1));
    jobs.requeue(job.id(), T0.plusSeconds(2));
    jobs.markRunning(job.id(), "node-b", T0.plusSeconds(3));

    Job running = jobs.findById(job.id()).orElseThrow();
    assertThat(running.attempts()).isEqualTo(2);
    assertThat(running.nodeId()).isEqualTo("node-b");
    assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void mark_succeeded_finishes_a_running_job_with_its_page_count() {
    Job job = jobs.insertQueued(newJob(T0));
    jobs.markRunning(job.id(), "node-a", T0.plusSeconds(1));
    Instant at = T0.plusSeconds(5);

    assertThat(jobs.markSucceeded(job.id(), 12, at)).isTrue();

    Job succeeded = jobs.findById(job.id()).orElseThrow();
    assertThat(succeeded.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(succeeded.pageCount()).isEqualTo(12);
    assertThat(succeeded.finishedAt()).isEqualTo(at);
    assertThat(succeeded.updatedAt()).isEqualTo(at);
    assertThat(succeeded.errorCode()).isNull();
    assertThat(succeeded.errorMessage()).isNull();
  }

  @Test
  void mark_succeeded_also_finishes_a_job_that_never_ran() {
    Job job = jobs.insertQueued(newJob(T0));

    assertThat(jobs.markSucceeded(job.id(), 0, T0.plusSeconds(1))).isTrue();

    assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void mark_succeeded_leaves_finished_jobs_alone() {
    Job job = jobs.insertQueued(newJob(T0));
    jobs.markFailed(job.id(), "corrupt_input", "bad xref table", T0.plusSeconds(1));
    Job failed = jobs.findById(job.id()).orElseThrow();

    assertThat(jobs.markSucceeded(job.id(), 3, T0.plusSeconds(2))).isFalse();

    assertThat(jobs.findById(job.id())).contains(failed);
  }

  @Test
  void mark_failed_records_the_error_on_a_running_job() {
    Job job = jobs.insertQueued(newJob(T0));
    jobs.markRunning(job.id(), "node-a", T0.plusSeconds(1));
    Instant at = T0.plusSeconds(2);

    assertThat(jobs.markFailed(job.id(), "timeout", "took longer than 60s", at)).isTrue();

    Job failed = jobs.findById(job.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.errorCode()).isEqualTo("timeout");
    assertThat(failed.errorMessage()).isEqualTo("took longer than 60s");
    assertThat(failed.finishedAt()).isEqualTo(at);
    assertThat(failed.updatedAt()).isEqualTo(at);
    assertThat(failed.pageCount()).isNull();
  }

  @Test
  void mark_failed_truncates_the_message_to_2000_characters() {
    Job job = jobs.insertQueued(newJob(T0));
    String message = "x".repeat(1999) + "\uD83D\uDCC4" + "y".repeat(500);

    assertThat(jobs.markFailed(job.id(), "internal", message, T0.plusSeconds(1))).isTrue();

    // The emoji straddles the limit; cutting it in half would store an invalid character.
    assertThat(jobs.findById(job.id()).orElseThrow().errorMessage()).isEqualTo("x".repeat(1999));
    Job other = jobs.insertQueued(newJob(T0));
    jobs.markFailed(other.id(), "internal", "z".repeat(5000), T0.plusSeconds(1));
    assertThat(jobs.findById(other.id()).orElseThrow().errorMessage()).isEqualTo("z".repeat(2000));
  }

  @Test
  void mark_failed_leaves_finished_jobs_alone() {
    Job job = jobs.insertQueued(newJob(T0));
    jobs.markSucceeded(job.id(), 4, T0.plusSeconds(1));
    Job succeeded = jobs.findById(job.id()).orElseThrow();

    assertThat(jobs.markFailed(job.id(), "timeout", "late", T0.plusSeconds(2))).isFalse();

    assertThat(jobs.findById(job.id())).contains(succeeded);
  }

  @Test
  void requeue_only_moves_running_jobs_and_clears_the_node() {
    Job queued = jobs.insertQueued(newJob(T0));
    assertThat(jobs.requeue(queued.id(), T0.plusSeconds(1))).isFalse();
    assertThat(jobs.findById(queued.id())).contains(queued);
    jobs.markRunning(queued.id(), "node-a", T0.plusSeconds(2));

    assertThat(jobs.requeue(queued.id(), T0.plusSeconds(3))).isTrue();

    Job requeued = jobs.findById(queued.id()).orElseThrow();
    assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(requeued.nodeId()).isNull();
    assertThat(requeued.updatedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(requeued.attempts()).isEqualTo(1);
    jobs.markSucceeded(queued.id(), 1, T0.plusSeconds(4));
    assertThat(jobs.requeue(queued.id(), T0.plusSeconds(5))).isFalse();
  }

  @Test
  void transitions_on_an_unknown_job_change_nothing() {
    UUID unknown = UUID.randomUUID();

    assertThat(jobs.markRunning(unknown, "node-a", T0)).isFalse();
    assertThat(jobs.markSucceeded(unknown, 1, T0)).isFalse();
    assertThat(jobs.markFailed(unknown, "internal", "boom", T0)).isFalse();
    assertThat(jobs.requeue(unknown, T0)).isFalse();
    assertThat(jobs.findById(unknown)).isEmpty();
  }

  @Test
  void list_newest_first_orders_by_creation_time_descending() {
    Job oldest = jobs.insertQueued(newJob(T0));
    Job newest = jobs.insertQueued(newJob(T0.plusSeconds(2)));
    Job middle = jobs.insertQueued(newJob(T0.plusSeconds(1)));

    assertThat(jobs.listNewestFirst(10, Optional.empty())).containsExactly(newest, middle, oldest);
    assertThat(jobs.listNewestFirst(1, Optional.empty())).containsExactly(newest);
  }

  @Test
  void list_newest_first_pages_through_five_jobs_two_at_a_time_returning_each_once() {
    List<Job> inserted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inserted.add(jobs.insertQueued(newJob(T0.plus(Duration.ofMillis(i)))));
    }
    // Two jobs created in the same microsecond: only the id can order them.
    Instant tie = T0.plusSeconds(10);
    inserted.add(jobs.insertQueued(newJob(tie)));
    inserted.add(jobs.insertQueued(newJob(tie)));
    List<Job> expected = jobs.listNewestFirst(100, Optional.empty());

    List<Job> paged = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      List<Job> page = jobs.listNewestFirst(2, cursor.flatMap(JobCursor::decode));
      pageSizes.add(page.size());
      paged.addAll(page);
      // Through the encoded form, as a client would hand it back.
      cursor =
          page.size() < 2
              ? Optional.empty()
              : Optional.of(JobCursor.after(page.get(page.size() - 1)).encode());
    } while (cursor.isPresent());

    assertThat(paged).containsExactlyElementsOf(expected);
    assertThat(paged).containsExactlyInAnyOrderElementsOf(inserted);
    assertThat(paged.subList(0, 2)).extracting(Job::createdAt).containsOnly(tie);
    assertThat(paged.subList(2, 5))
        .extracting(Job::createdAt)
        .containsExactly(T0.plusMillis(2), T0.plusMillis(1), T0);
    assertThat(pageSizes).containsExactly(2, 2, 1);
  }

  @Test
  void list_newest_first_after_the_last_job_is_empty() {
    Job only = jobs.insertQueued(newJob(T0));

    assertThat(jobs.listNewestFirst(10, Optional.of(JobCursor.after(only)))).isEmpty();
  }

  @Test
  void list_newest_first_for_an_owner_pages_through_only_that_owners_jobs() {
    List<Job> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(jobs.insertQueued(newJob(T0.plusSeconds(i), OWNER)));
      // Interleaved, and newer than each of mine: a filter applied after the limit would lose
      // pages.
      jobs.insertQueued(newJob(T0.plusSeconds(i).plusMillis(500), OTHER_OWNER));
    }
    // Same time as the newest of mine: only the id can order these two.
    mine.add(jobs.insertQueued(newJob(T0.plusSeconds(4), OWNER)));

    List<Job> paged = new ArrayList<>();
    Optional<JobCursor> cursor = Optional.empty();
    List<Job> page;
    do {
      page = jobs.listNewestFirst(2, cursor, Optional.of(OWNER));
      paged.addAll(page);
      cursor = page.isEmpty() ? cursor : Optional.of(JobCursor.after(page.get(page.size() - 1)));
    } while (page.size() == 2);

    // The unfiltered listing, in the database's own order of ids, filtered here instead.
    List<Job> expected =
        jobs.listNewestFirst(100, Optional.empty()).stream()
            .filter(job -> job.owner().equals(OWNER))
            .toList();
    assertThat(paged).containsExactlyElementsOf(expected);
    assertThat(paged).containsExactlyInAnyOrderElementsOf(mine);
    assertThat(jobs.listNewestFirst(100, Optional.empty(), Optional.of(OTHER_OWNER)))
        .hasSize(5)
        .extracting(Job::owner)
        .containsOnly(OTHER_OWNER);
    assertThat(jobs.listNewestFirst(100, Optional.empty(), Optional.of("nobody"))).isEmpty();
  }

  @Test
  void list_newest_first_without_an_owner_lists_every_owners_jobs() {
    Job mine = jobs.insertQueued(newJob(T0, OWNER));
    Job theirs = jobs.insertQueued(newJob(T0.plusSeconds(1), OTHER_OWNER));

    assertThat(jobs.listNewestFirst(10, Optional.empty(), Optional.empty()))
        .containsExactly(theirs, mine);
    assertThat(jobs.listNewestFirst(10, Optional.empty())).containsExactly(theirs, mine);
  }

  @Test
  void count_unfinished_by_owner_counts_only_that_owners_queued_and_running_jobs() {
    Job running = jobs.insertQueued(newJob(T0, OWNER));
    jobs.markRunning(running.id(), "node-a", T0);
    jobs.insertQueued(newJob(T0, OWNER));
    Job succeeded = jobs.insertQueued(newJob(T0, OWNER));
    jobs.markSucceeded(succeeded.id(), 1, T0);
    Job failed = jobs.insertQueued(newJob(T0, OWNER));
    jobs.markFailed(failed.id(), "timeout", "late", T0);
    jobs.insertQueued(newJob(T0, OTHER_OWNER));

    assertThat(jobs.countUnfinishedByOwner(OWNER)).isEqualTo(2);
    assertThat(jobs.countUnfinishedByOwner(OTHER_OWNER)).isEqualTo(1);
    assertThat(jobs.countUnfinishedByOwner("nobody")).isZero();
  }

  @Test
  void find_unfinished_returns_queued_and_running_jobs_oldest_first() {
    Job running = jobs.insertQueued(newJob(T0.plusSeconds(2)));
    jobs.markRunning(running.id(), "node-a", T0.plusSeconds(3));
    Job queued = jobs.insertQueued(newJob(T0));
    Job succeeded = jobs.insertQueued(newJob(T0.plusSeconds(1)));
    jobs.markSucceeded(succeeded.id(), 1, T0.plusSeconds(4));
    Job failed = jobs.insertQueued(newJob(T0.plusSeconds(3)));
    jobs.markFailed(failed.id(), "timeout", "late", T0.plusSeconds(5));

    assertThat(jobs.findUnfinished())
        .extracting(Job::id, Job::status)
        .containsExactly(
            tuple(queued.id(), JobStatus.QUEUED), tuple(running.id(), JobStatus.RUNNING));
  }

  @Test
  void count_by_status_counts_only_jobs_in_that_status() {
    Job first = jobs.insertQueued(newJob(T0));
    jobs.insertQueued(newJob(T0));
    Job third = jobs.insertQueued(newJob(T0));
    jobs.markRunning(first.id(), "node-a", T0);
    jobs.markFailed(third.id(), "timeout", "late", T0);

    assertThat(jobs.countByStatus(JobStatus.QUEUED)).isEqualTo(1);
    assertThat(jobs.countByStatus(JobStatus.RUNNING)).isEqualTo(1);
    assertThat(jobs.countByStatus(JobStatus.FAILED)).isEqualTo(1);
    assertThat(jobs.countByStatus(JobStatus.SUCCEEDED)).isZero();
    assertThat(jobs.countByStatus(JobStatus.CANCELLED)).isZero();
  }

  @Test
  void the_oldest_queued_job_is_the_one_submitted_first_and_none_when_nothing_waits() {
    assertThat(jobs.oldestCreatedAt(JobStatus.QUEUED)).isEmpty();
    Job first = jobs.insertQueued(newJob(T0));
    jobs.insertQueued(newJob(T0.plusSeconds(30)));
    jobs.insertQueued(newJob(T0.plusSeconds(60)));

    assertThat(jobs.oldestCreatedAt(JobStatus.QUEUED)).contains(T0);
    jobs.markRunning(first.id(), "node-a", T0.plusSeconds(90));
    assertThat(jobs.oldestCreatedAt(JobStatus.QUEUED)).contains(T0.plusSeconds(30));
    assertThat(jobs.oldestCreatedAt(JobStatus.RUNNING)).contains(T0);
  }

  @Test
  void a_garbage_cursor_decodes_to_empty_and_the_listing_starts_from_the_newest() {
    jobs.insertQueued(newJob(T0));

    assertThat(JobCursor.decode("not a cursor")).isEmpty();
    assertThat(jobs.listNewestFirst(10, JobCursor.decode("%%%"))).hasSize(1);
  }

  @Test
  void
      find_purgeable_returns_only_finished_unpurged_jobs_of_the_tier_that_ended_before_the_cutoff() {
    Job old = jobs.insertQueued(newJob(T0));
    jobs.markSucceeded(old.id(), 1, T0.plusSeconds(10));
    Job failed = jobs.insertQueued(newJob(T0));
    jobs.markFailed(failed.id(), "DOCUMENT_CORRUPT", "bad", T0.plusSeconds(20));
    Job recent = jobs.insertQueued(newJob(T0));
    jobs.markSucceeded(recent.id(), 1, T0.plusSeconds(100));
    Job running = jobs.insertQueued(newJob(T0));
    jobs.markRunning(running.id(), "node-a", T0.plusSeconds(1));
    Job otherTier = jobs.insertQueued(newJob(T0, OWNER, "ENTERPRISE"));
    jobs.markSucceeded(otherTier.id(), 1, T0.plusSeconds(10));

    List<Job> purgeable = jobs.findPurgeable("FREE", T0.plusSeconds(50), 10);

    assertThat(purgeable).extracting(Job::id).containsExactly(old.id(), failed.id());
    assertThat(jobs.findPurgeable("FREE", T0.plusSeconds(50), 1))
        .extracting(Job::id)
        .containsExactly(old.id());
  }

  @Test
  void find_computed_since_returns_recent_jobs_that_ran_newest_first() {
    Job older = jobs.insertQueued(newJob(T0));
    jobs.markRunning(older.id(), "node-a", T0.plusSeconds(1));
    jobs.markSucceeded(older.id(), 3, T0.plusSeconds(20));
    Job newer = jobs.insertQueued(newJob(T0));
    jobs.markRunning(newer.id(), "node-a", T0.plusSeconds(2));
    jobs.markSucceeded(newer.id(), 1, T0.plusSeconds(30));
    Job longAgo = jobs.insertQueued(newJob(T0));
    jobs.markRunning(longAgo.id(), "node-a", T0.plusSeconds(1));
    jobs.markSucceeded(longAgo.id(), 1, T0.plusSeconds(5));
    Job failed = jobs.insertQueued(newJob(T0));
    jobs.markRunning(failed.id(), "node-a", T0.plusSeconds(1));
    jobs.markFailed(failed.id(), "DOCUMENT_CORRUPT", "bad", T0.plusSeconds(25));

    assertThat(jobs.findComputedSince(T0.plusSeconds(10), 10))
        .extracting(Job::id)
        .containsExactly(newer.id(), older.id());
    assertThat(jobs.findComputedSince(T0.plusSeconds(10), 1))
        .extracting(Job::id)
        .containsExactly(newer.id());
  }

  @Test
  void mark_cancelled_ends_queued_and_running_jobs_only() {
    Job queued = jobs.insertQueued(newJob(T0));
    Job running = jobs.insertQueued(newJob(T0));
    jobs.markRunning(running.id(), "node-a", T0.plusSeconds(1));
    Job done = jobs.insertQueued(newJob(T0));
    jobs.markSucceeded(done.id(), 1, T0.plusSeconds(2));

    assertThat(jobs.markCancelled(queued.id(), T0.plusSeconds(3))).isTrue();
    assertThat(jobs.markCancelled(running.id(), T0.plusSeconds(3))).isTrue();
    assertThat(jobs.markCancelled(done.id(), T0.plusSeconds(3))).isFalse();
    assertThat(jobs.markCancelled(queued.id(), T0.plusSeconds(4))).isFalse();

    Job cancelled = jobs.findById(running.id()).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(jobs.findById(done.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(jobs.markSucceeded(running.id(), 1, T0.plusSeconds(5))).isFalse();
  }

  @Test
  void mark_purged_records_the_time_once_and_only_for_finished_jobs() {
    Job done = jobs.insertQueued(newJob(T0));
    jobs.markSucceeded(done.id(), 1, T0.plusSeconds(10));
    Job queued = jobs.insertQueued(newJob(T0));

    assertThat(jobs.markPurged(done.id(), T0.plusSeconds(60))).isTrue();
    assertThat(jobs.markPurged(done.id(), T0.plusSeconds(70))).isFalse();
    assertThat(jobs.markPurged(queued.id(), T0.plusSeconds(60))).isFalse();

    assertThat(jobs.findById(done.id()).orElseThrow().purgedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(jobs.findById(queued.id()).orElseThrow().purgedAt()).isNull();
    assertThat(jobs.findPurgeable("FREE", T0.plusSeconds(100), 10)).isEmpty();
  }

  @Test
  void the_stored_blobs_of_unpurged_jobs_are_paged_in_id_order_with_the_result_hash() {
    String resultSha256 = "ab".repeat(32);
    Job succeeded = jobs.insertQueued(newJob(T0));
    jobs.succeed(
        succeeded.id(),
        new JobSuccess(
            new FirstLook("application/pdf", 1, 1, false),
            new PageProgress(1, 1, 0, 0),
            true,
            "node-a",
            T0,
            null,
            resultSha256),
        T0.plusSeconds(1));
    Job queued = jobs.insertQueued(newJob(T0));
    Job purged = jobs.insertQueued(newJob(T0));
    jobs.markSucceeded(purged.id(), 1, T0.plusSeconds(2));
    jobs.markPurged(purged.id(), T0.plusSeconds(3));
    StoredBlobsRepository blobs = new StoredBlobsRepository(database().dsl());

    assertThat(jobs.findById(succeeded.id()).orElseThrow().resultSha256()).isEqualTo(resultSha256);
    List<StoredBlobs> first = blobs.pageAfter(null, 1);
    List<StoredBlobs> all = new ArrayList<>(first);
    all.addAll(blobs.pageAfter(first.get(0).jobId(), 10));
    assertThat(all)
        .containsExactlyInAnyOrder(
            new StoredBlobs(succeeded.id(), JobStatus.SUCCEEDED, SHA256, resultSha256),
            new StoredBlobs(queued.id(), JobStatus.QUEUED, SHA256, null));
    assertThat(blobs.pageAfter(all.get(1).jobId(), 10)).isEmpty();
  }

  @Test
  void a_document_is_in_use_while_any_job_holding_it_is_not_purged() {
    Job first = jobs.insertQueued(newJob(T0));
    Job second = jobs.insertQueued(newJob(T0));
    jobs.markSucceeded(first.id(), 1, T0.plusSeconds(1));
    jobs.markSucceeded(second.id(), 1, T0.plusSeconds(1));

    jobs.markPurged(first.id(), T0.plusSeconds(5));
    assertThat(jobs.isDocumentInUse(SHA256)).isTrue();
    jobs.markPurged(second.id(), T0.plusSeconds(5));
    assertThat(jobs.isDocumentInUse(SHA256)).isFalse();
    assertThat(jobs.isDocumentInUse("0".repeat(64))).isFalse();
  }

  private static NewJob newJob(Instant createdAt) {
    return newJob(createdAt, OWNER);
  }

  private static NewJob newJob(Instant createdAt, String owner) {
    return newJob(createdAt, owner, "FREE");
  }

  private static NewJob newJob(Instant createdAt, String owner, String tier) {
    return new NewJob(
        UUID.randomUUID(),
        SHA256,
        "scan.pdf",
        "application/pdf",
        1234L,
        "{\"ocr\":true,\"lang\":\"eng\"}",
        "req-1",
        createdAt,
        owner,
        tier);
  }

  @Test
  void page_progress_adds_up_while_running_and_starts_over_on_requeue() {
    Job job = jobs.insertQueued(newJob(T0));
    jobs.setPagesTotal(job.id(), 10, T0);
    jobs.markRunning(job.id(), "node-a", T0);
    jobs.addPagesDone(job.id(), 4, 0, 1, T0);
    jobs.addPagesDone(job.id(), 3, 1, 3, T0);

    assertThat(jobs.findById(job.id()).orElseThrow().pages())
        .isEqualTo(new PageProgress(10, 7, 1, 4));

    jobs.requeue(job.id(), T0);
    assertThat(jobs.findById(job.id()).orElseThrow().pages())
        .isEqualTo(new PageProgress(10, 0, 0, 0));

    jobs.markSucceeded(job.id(), 10, new PageProgress(10, 10, 0, 2), T0);
    jobs.addPagesDone(job.id(), 5, 0, 0, T0); // a late message: the job is finished
    assertThat(jobs.findById(job.id()).orElseThrow().pages())
        .isEqualTo(new PageProgress(10, 10, 0, 2));
  }

  @Test
  void a_follower_is_stored_waiting_for_its_leader_and_found_by_it() {
    Job leader = jobs.insertQueued(newJob(T0));
    Job follower = jobs.insertFollower(newJob(T0.plusSeconds(1), OTHER_OWNER), leader.id());
    jobs.insertQueued(newJob(T0.plusSeconds(2)));

    assertThat(follower.followsJobId()).isEqualTo(leader.id());
    assertThat(follower.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(follower.owner()).isEqualTo(OTHER_OWNER);
    assertThat(jobs.findFollowers(leader.id())).containsExactly(follower);
    assertThat(jobs.findFollowers(follower.id())).isEmpty();
  }

  @Test
  void detaching_a_follower_succeeds_once_and_only_while_it_is_queued() {
    Job leader = jobs.insertQueued(newJob(T0));
    Job follower = jobs.insertFollower(newJob(T0), leader.id());
    Job cancelled = jobs.insertFollower(newJob(T0), leader.id());
    jobs.markCancelled(cancelled.id(), T0);

    assertThat(jobs.detachFollower(follower.id())).isTrue();
    assertThat(jobs.detachFollower(follower.id())).isFalse();
    assertThat(jobs.detachFollower(cancelled.id())).isFalse();
    assertThat(jobs.detachFollower(leader.id())).isFalse();
    assertThat(jobs.findById(follower.id()).orElseThrow().followsJobId()).isNull();
    assertThat(jobs.findFollowers(leader.id())).isEmpty();
  }

  @Test
  void a_result_reused_from_the_cache_marks_the_job_as_a_cache_hit() {
    Job computed = jobs.insertQueued(newJob(T0));
    Job reused = jobs.insertQueued(newJob(T0));
    PageProgress pages = new PageProgress(2, 2, 0, 1);

    assertThat(jobs.markSucceeded(computed.id(), 2, pages, T0.plusSeconds(5))).isTrue();
    assertThat(jobs.markSucceededFromCache(reused.id(), 2, pages, T0.plusSeconds(1))).isTrue();
    assertThat(jobs.markSucceededFromCache(reused.id(), 2, pages, T0.plusSeconds(2))).isFalse();

    Job hit = jobs.findById(reused.id()).orElseThrow();
    assertThat(hit.cacheHit()).isTrue();
    assertThat(hit.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(hit.pages()).isEqualTo(pages);
    assertThat(hit.finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(jobs.findById(computed.id()).orElseThrow().cacheHit()).isFalse();
  }
}
