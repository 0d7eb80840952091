package io.docgrid.api.engine;

import io.docgrid.sql.JobLeaseRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * This API node's leases on the jobs it dispatches. A job runs from the node that holds its lease;
 * the node renews the leases of its running jobs every third of the lease, so one that stops
 * renewing (it died, or hangs) loses them, and any API node then queues those jobs again.
 */
public final class JobLeases {

  private final JobLeaseRepository repository;
  private final String holder;
  private final Duration duration;
  private final Clock clock;

  /**
   * @param holder this node's grid id, which the grid's discovery reports when the node leaves
   */
  public JobLeases(JobLeaseRepository repository, String holder, Duration duration, Clock clock) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("the job lease must be positive, got " + duration);
    }
    this.repository = repository;
    this.holder = holder;
    this.duration = duration;
    this.clock = clock;
  }

  /** This node's grid id, which its leases are held under. */
  String holder() {
    return holder;
  }

  Duration renewalInterval() {
    return duration.dividedBy(3);
  }

  /** Stores a new job already leased to this node, which dispatches it next. */
  Job insertLeased(JobRepository jobs, NewJob job) {
    return jobs.insertLeased(job, holder, clock.instant().plus(duration));
  }

  boolean claim(UUID jobId) {
    Instant now = clock.instant();
    return repository.claim(jobId, holder, now, now.plus(duration));
  }

  void release(UUID jobId) {
    repository.release(jobId, holder);
  }

  boolean holds(UUID jobId) {
    return repository.holds(jobId, holder);
  }

  /** Renews the leases of {@code running}; returns those this node no longer holds. */
  List<UUID> renew(Collection<UUID> running) {
    int renewed = repository.renew(holder, running, clock.instant().plus(duration));
    if (renewed == running.size()) {
      return List.of();
    }
    return running.stream().filter(id -> !repository.holds(id, holder)).toList();
  }

  /** Queues again the jobs no node in {@code liveNodes} holds; returns their ids. */
  List<UUID> requeueOrphans(Collection<String> liveNodes) {
    return repository.requeueOrphans(liveNodes, clock.instant());
  }

  /** Queued jobs free to claim, oldest first. */
  List<UUID> claimable(int limit) {
    return repository.findClaimable(clock.instant(), limit);
  }
}
