package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link JobLeaseRepository} must do. */
abstract class JobLeaseRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final Instant LEASE_END = T0.plusSeconds(30);

  private JobRepository jobs;
  private JobLeaseRepository leases;

  protected abstract Database database();

  @BeforeEach
  void start_from_an_empty_table() {
    database().dsl().deleteFrom(JOBS).execute();
    jobs = new JobRepository(database().dsl());
    leases = new JobLeaseRepository(database().dsl());
  }

  @Test
  void one_node_holds_a_lease_until_it_expires() {
    Job job = queued(T0);

    assertThat(leases.claim(job.id(), "api-a", T0, LEASE_END)).isTrue();
    assertThat(leases.claim(job.id(), "api-b", T0.plusSeconds(29), LEASE_END)).isFalse();
    assertThat(leases.holds(job.id(), "api-a")).isTrue();
    assertThat(leases.holds(job.id(), "api-b")).isFalse();

    assertThat(leases.claim(job.id(), "api-b", T0.plusSeconds(31), T0.plusSeconds(61))).isTrue();
    assertThat(leases.holds(job.id(), "api-a")).isFalse();
  }

  @Test
  void a_job_stored_leased_is_its_submitters_alone_until_the_lease_ends() {
    Job job =
        jobs.insertLeased(
            new NewJob(
                UUID.randomUUID(),
                "c".repeat(64),
                "locked.pdf",
                "application/pdf",
                10,
                "{}",
                "req",
                T0,
                "key:owner",
                "FREE"),
            "api-a",
            LEASE_END);

    assertThat(leases.findClaimable(T0, 10)).isEmpty();
    assertThat(leases.claim(job.id(), "api-b", T0.plusSeconds(1), LEASE_END)).isFalse();
    assertThat(leases.claim(job.id(), "api-a", T0.plusSeconds(1), LEASE_END)).isTrue();
    assertThat(leases.findClaimable(T0.plusSeconds(31), 10)).containsExactly(job.id());
  }

  @Test
  void of_many_nodes_claiming_one_job_at_once_exactly_one_wins() throws Exception {
    Job job = queued(T0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String node = "api-" + i;
        claims.add(() -> leases.claim(job.id(), node, T0, LEASE_END));
      }
      int won = 0;
      for (Future<Boolean> claim : pool.invokeAll(claims)) {
        won += claim.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void finished_jobs_cannot_be_claimed_or_renewed() {
    Job job = queued(T0);
    leases.claim(job.id(), "api-a", T0, LEASE_END);
    jobs.markSucceeded(job.id(), 1, T0.plusSeconds(1));

    assertThat(leases.renew("api-a", List.of(job.id()), T0.plusSeconds(60))).isZero();
    assertThat(leases.claim(job.id(), "api-b", T0.plusSeconds(90), T0.plusSeconds(120))).isFalse();
    assertThat(leases.holds(job.id(), "api-a")).isFalse();
  }

  @Test
  void renewal_extends_only_the_owners_leases() {
    Job mine = queued(T0);
    Job theirs = queued(T0.plusMillis(1));
    leases.claim(mine.id(), "api-a", T0, LEASE_END);
    leases.claim(theirs.id(), "api-b", T0, LEASE_END);

    assertThat(leases.renew("api-a", List.of(mine.id(), theirs.id()), T0.plusSeconds(60)))
        .isEqualTo(1);
    assertThat(leases.renew("api-a", List.of(), T0.plusSeconds(60))).isZero();

    // After the first lease would have ended, only the renewed one still holds.
    assertThat(leases.claim(mine.id(), "api-b", T0.plusSeconds(45), T0.plusSeconds(75))).isFalse();
    assertThat(leases.claim(theirs.id(), "api-a", T0.plusSeconds(45), T0.plusSeconds(75))).isTrue();
  }

  @Test
  void a_released_lease_leaves_the_job_queued_for_anyone() {
    Job job = queued(T0);
    leases.claim(job.id(), "api-a", T0, LEASE_END);

    assertThat(leases.release(job.id(), "api-b")).isFalse();
    assertThat(leases.release(job.id(), "api-a")).isTrue();

    assertThat(leases.findClaimable(T0, 10)).containsExactly(job.id());
    assertThat(leases.claim(job.id(), "api-b", T0, LEASE_END)).isTrue();
    assertThat(leases.findClaimable(T0, 10)).isEmpty();
  }

  @Test
  void jobs_of_nodes_that_left_are_queued_again_with_their_progress_reset() {
    Job running = queued(T0);
    leases.claim(running.id(), "gone", T0, LEASE_END);
    jobs.markRunning(running.id(), "worker-1", T0.plusSeconds(1));
    jobs.addPagesDone(running.id(), 3, 1, 2, T0.plusSeconds(2));
    Job waiting = queued(T0.plusMillis(1));
    leases.claim(waiting.id(), "gone", T0, LEASE_END);
    Job alive = queued(T0.plusMillis(2));
    leases.claim(alive.id(), "alive", T0, LEASE_END);
    Job free = queued(T0.plusMillis(3));

    List<UUID> requeued = leases.requeueOrphans(Set.of("alive"), T0.plusSeconds(5));

    assertThat(requeued).containsExactlyInAnyOrder(running.id(), waiting.id());
    Job again = jobs.findById(running.id()).orElseThrow();
    assertThat(again.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(again.nodeId()).isNull();
    assertThat(again.pages().done()).isZero();
    assertThat(again.pages().failed()).isZero();
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(leases.holds(alive.id(), "alive")).isTrue();
    assertThat(leases.findClaimable(T0.plusSeconds(5), 10))
        .containsExactly(running.id(), waiting.id(), free.id());
  }

  @Test
  void expired_leases_and_running_jobs_without_one_are_orphans_too() {
    Job expired = queued(T0);
    leases.claim(expired.id(), "alive", T0, LEASE_END);
    jobs.markRunning(expired.id(), "worker-1", T0.plusSeconds(1));
    Job unleasedRunning = queued(T0.plusMillis(1));
    jobs.markRunning(unleasedRunning.id(), "worker-1", T0.plusSeconds(1));
    Job unleasedQueued = queued(T0.plusMillis(2));

    assertThat(leases.requeueOrphans(Set.of("alive"), T0.plusSeconds(10)))
        .containsExactly(unleasedRunning.id());
    assertThat(leases.requeueOrphans(Set.of("alive"), T0.plusSeconds(31)))
        .containsExactly(expired.id());
    assertThat(jobs.findById(unleasedQueued.id()).orElseThrow().status())
        .isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void with_no_live_node_every_leased_job_is_an_orphan() {
    Job job = queued(T0);
    leases.claim(job.id(), "api-a", T0, LEASE_END);

    assertThat(leases.requeueOrphans(Set.of(), T0.plusSeconds(1))).containsExactly(job.id());
  }

  @Test
  void a_failed_or_cancelled_job_can_be_retried_once_and_a_purged_one_not() {
    Job failed = queued(T0);
    jobs.markFailed(failed.id(), "PROCESSING_FAILED", "boom", T0.plusSeconds(1));
    Job cancelled = queued(T0.plusMillis(1));
    jobs.markCancelled(cancelled.id(), T0.plusSeconds(1));
    Job purged = queued(T0.plusMillis(2));
    jobs.markFailed(purged.id(), "PROCESSING_FAILED", "boom", T0.plusSeconds(1));
    jobs.markPurged(purged.id(), T0.plusSeconds(2));
    Job succeeded = queued(T0.plusMillis(3));
    jobs.markSucceeded(succeeded.id(), 1, T0.plusSeconds(1));

    assertThat(jobs.retry(failed.id(), T0.plusSeconds(3))).isTrue();
    assertThat(jobs.retry(failed.id(), T0.plusSeconds(3))).isFalse();
    assertThat(jobs.retry(cancelled.id(), T0.plusSeconds(3))).isTrue();
    assertThat(jobs.retry(purged.id(), T0.plusSeconds(3))).isFalse();
    assertThat(jobs.retry(succeeded.id(), T0.plusSeconds(3))).isFalse();

    Job again = jobs.findById(failed.id()).orElseThrow();
    assertThat(again.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(again.errorCode()).isNull();
    assertThat(again.errorMessage()).isNull();
    assertThat(again.finishedAt()).isNull();
  }

  private Job queued(Instant createdAt) {
    return jobs.insertQueued(
        new NewJob(
            UUID.randomUUID(),
            "c".repeat(64),
            "scan.pdf",
            "application/pdf",
            10,
            "{}",
            "req",
            createdAt,
            "key:owner",
            "FREE"));
  }
}
