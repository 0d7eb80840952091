package io.docgrid.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.sql.Database;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.JobLeaseRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.NewJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two API nodes' leases on one H2 database, on a clock the test moves. */
class JobLeasesTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private Database database;
  private JobRepository jobs;
  private JobLeases nodeA;
  private JobLeases nodeB;

  @BeforeEach
  void openDatabase(@TempDir Path work) {
    database = new Database(DatabaseSettings.embedded(work));
    jobs = new JobRepository(database.dsl());
    JobLeaseRepository repository = new JobLeaseRepository(database.dsl());
    nodeA = new JobLeases(repository, "node-a", LEASE, clock);
    nodeB = new JobLeases(repository, "node-b", LEASE, clock);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @Test
  void a_job_stored_leased_is_held_by_its_node_and_no_other_can_claim_it() {
    Job job = nodeA.insertLeased(jobs, newJob());

    assertThat(nodeA.holds(job.id())).isTrue();
    assertThat(nodeB.claim(job.id())).isFalse();
    assertThat(nodeB.claimable(10)).doesNotContain(job.id());
  }

  @Test
  void a_released_job_is_claimed_by_the_next_node() {
    Job job = nodeA.insertLeased(jobs, newJob());

    nodeA.release(job.id());

    assertThat(nodeB.claimable(10)).contains(job.id());
    assertThat(nodeB.claim(job.id())).isTrue();
    assertThat(nodeA.holds(job.id())).isFalse();
  }

  @Test
  void a_lease_renewed_every_third_outlives_its_duration() {
    Job job = nodeA.insertLeased(jobs, newJob());

    for (int beat = 0; beat < 6; beat++) {
      clock.advance(nodeA.renewalInterval());
      assertThat(nodeA.renew(List.of(job.id()))).isEmpty();
    }

    assertThat(nodeB.claim(job.id())).isFalse();
    assertThat(nodeA.holds(job.id())).isTrue();
  }

  @Test
  void a_lease_left_to_expire_is_taken_over_and_its_old_holder_learns_it_at_renewal() {
    Job job = nodeA.insertLeased(jobs, newJob());

    clock.advance(LEASE.plusSeconds(1));

    assertThat(nodeB.claim(job.id())).isTrue();
    assertThat(nodeA.renew(List.of(job.id()))).containsExactly(job.id());
    assertThat(nodeB.holds(job.id())).isTrue();
  }

  @Test
  void the_jobs_of_a_node_that_left_are_queued_again_for_any_node() {
    Job job = nodeA.insertLeased(jobs, newJob());

    assertThat(nodeB.requeueOrphans(Set.of("node-b"))).containsExactly(job.id());

    assertThat(jobs.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(nodeA.holds(job.id())).isFalse();
    assertThat(nodeB.claimable(10)).contains(job.id());
  }

  @Test
  void a_lease_must_last() {
    assertThatThrownBy(
            () ->
                new JobLeases(
                    new JobLeaseRepository(database.dsl()), "node-c", Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private NewJob newJob() {
    return new NewJob(
        UUID.randomUUID(),
        "0".repeat(64),
        "leased.txt",
        "text/plain",
        12,
        "{}",
        "req-leases",
        clock.instant(),
        "key:" + UUID.randomUUID(),
        "FREE");
  }

  /** A clock that stands still until the test moves it. */
  private static final class MovableClock extends Clock {

    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
