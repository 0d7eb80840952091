package io.docgrid.api.engine;

import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each job's ending to those who follow it (its webhook endpoints, its batch), then records
 * that they were told. An ending recorded by a node that stopped before telling it, or that a
 * listener failed to take, stays untold in the database, and {@link #sweep}, run on every node,
 * tells it again once it is a minute old: no ending goes untold, and listeners make a second
 * telling harmless.
 */
public final class JobEndings implements JobEndListener {

  private static final Logger log = LoggerFactory.getLogger(JobEndings.class);

  /** Long enough that the node which recorded an ending has told it, unless it stopped. */
  static final Duration UNTOLD_AFTER = Duration.ofMinutes(1);

  private static final int SWEEP_LIMIT = 100;

  private final JobRepository jobs;
  private final List<JobEndListener> listeners;
  private final Clock clock;

  public JobEndings(JobRepository jobs, List<JobEndListener> listeners, Clock clock) {
    this.jobs = jobs;
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
  }

  /** Tells every listener; never throws, and leaves the ending untold if any of them failed. */
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
      try {
        jobs.markEndingTold(job.id());
      } catch (RuntimeException e) {
        log.warn("could not record that the ending of job {} was told: {}", job.id(), e.toString());
      }
    }
  }

  /** Tells the endings recorded at least a minute ago and still untold; returns how many. */
  public int sweep() {
    List<Job> untold = jobs.findEndedUntold(clock.instant().minus(UNTOLD_AFTER), SWEEP_LIMIT);
    for (Job job : untold) {
      log.info("telling the ending of job {} ({}), which was not told", job.id(), job.status());
      jobEnded(job);
    }
    return untold.size();
  }
}
