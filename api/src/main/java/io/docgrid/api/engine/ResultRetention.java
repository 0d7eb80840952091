package io.docgrid.api.engine;

import io.docgrid.api.auth.Tier;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what finished jobs stored once their tier's retention has passed: the result, and the
 * document unless another job still needs it. The job row stays, marked purged, so clients get 410
 * RESULT_EXPIRED and usage still adds up.
 */
public final class ResultRetention {

  private static final Logger log = LoggerFactory.getLogger(ResultRetention.class);
  private static final int BATCH = 200;

  private final JobRepository jobs;
  private final JobPurger purger;
  private final TierPolicy tiers;
  private final Clock clock;

  public ResultRetention(JobRepository jobs, JobPurger purger, TierPolicy tiers, Clock clock) {
    this.jobs = jobs;
    this.purger = purger;
    this.tiers = tiers;
    this.clock = clock;
  }

  /**
   * How often to sweep: twice within the shortest retention, at most hourly, at least each second.
   */
  public Duration sweepInterval() {
    Duration shortest = Duration.ofHours(2);
    for (Tier tier : Tier.values()) {
      Duration retention = tiers.of(tier).resultRetention();
      shortest = retention.compareTo(shortest) < 0 ? retention : shortest;
    }
    Duration half = shortest.dividedBy(2);
    return half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half;
  }

  /** Purges every job past its tier's retention; returns how many. */
  public int sweep() {
    int purged = 0;
    for (Tier tier : Tier.values()) {
      Instant cutoff = clock.instant().minus(tiers.of(tier).resultRetention());
      List<Job> expired;
      do {
        expired = jobs.findPurgeable(tier.name(), cutoff, BATCH);
        for (Job job : expired) {
          if (purge(job, cutoff)) {
            purged++;
          }
        }
      } while (expired.size() == BATCH);
    }
    if (purged > 0) {
      log.info("deleted the documents and results of {} jobs past their retention", purged);
    }
    return purged;
  }

  private boolean purge(Job job, Instant cutoff) {
    try {
      return purger.purge(job, cutoff);
    } catch (IOException | RuntimeException e) {
      log.warn("could not purge job {}: {}", job.id(), e.toString());
      return false;
    }
  }
}
