package io.docgrid.api.engine;

import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each job's ending to those who follow it (its webhook endpoints, its batch), then records
 * that they were told (in batches, every few hundred milliseconds). An ending recorded by a node
 * that stopped before telling it, or that a listener failed to take, stays untold in the database,
 * and {@link #sweep}, run on every node, tells it again once it is a minute old (for a day): no
 * ending goes untold, and listeners make a second telling harmless.
 */
public final class JobEndings implements JobEndListener {

  private static final Logger log = LoggerFactory.getLogger(JobEndings.class);

  /** Long enough that the node which recorded an ending has told it, unless it stopped. */
  static final Duration UNTOLD_AFTER = Duration.ofMinutes(1);

  /**
   * Endings older than this are no longer told: news a day late is no news, and one whose telling
   * fails every time must not keep the sweep from the others for ever.
   */
  static final Duration TOLD_FOR = Duration.ofDays(1);

  private static final int SWEEP_LIMIT = 100;
  private static final int RECORD_BATCH = 500;

  private final JobRepository jobs;
  private final List<JobEndListener> listeners;
  private final Clock clock;
  private final Queue<UUID> toldSinceRecorded = new ConcurrentLinkedQueue<>();

  public JobEndings(JobRepository jobs, List<JobEndListener> listeners, Clock clock) {
    this.jobs = jobs;
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
  }

  /**
   * Tells every listener; never throws, and leaves the ending untold if any of them failed. That it
   * was told is recorded at the next {@link #recordTold}, with others.
   */
  @Override
  public void jobEnded(Job job) {
    boolean told = true;
    for (JobEndListener listener : listeners) {
      try {
        listener.jobEnded(job);
      } catch (RuntimeException e) {
        told = false;
        log.warn("could not tell the ending of job {}; it is told again later", job.id(), e);
      }
    }
    if (told) {
      toldSinceRecorded.add(job.id());
    }
  }

  /**
   * Records, in one statement per {@value #RECORD_BATCH}, the endings told since the last call: far
   * cheaper than a write per job. Those a stopping node has not recorded yet are told again by the
   * sweep, harmlessly.
   */
  public void recordTold() {
    List<UUID> told = new ArrayList<>();
    for (UUID id = toldSinceRecorded.poll(); id != null; id = toldSinceRecorded.poll()) {
      told.add(id);
      if (told.size() == RECORD_BATCH) {
        record(told);
        told.clear();
      }
    }
    record(told);
  }

  private void record(List<UUID> told) {
    try {
      jobs.markEndingsTold(told);
    } catch (RuntimeException e) {
      log.warn("could not record that {} job endings were told: {}", told.size(), e.toString());
    }
  }

  /** Tells the endings recorded at least a minute ago and still untold; returns how many. */
  public int sweep() {
    Instant now = clock.instant();
    List<Job> untold =
        jobs.findEndedUntold(now.minus(TOLD_FOR), now.minus(UNTOLD_AFTER), SWEEP_LIMIT);
    for (Job job : untold) {
      log.info("telling the ending of job {} ({}), which was not told", job.id(), job.status());
      jobEnded(job);
    }
    recordTold();
    return untold.size();
  }
}
