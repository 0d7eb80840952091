package io.docgrid.api.engine;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an owner or an administrator does to a job that exists: cancel, purge or retry it. */
public final class JobControl {

  private static final Logger log = LoggerFactory.getLogger(JobControl.class);

  private final JobRepository jobs;
  private final JobDispatcher dispatcher;
  private final JobRunner runner;
  private final JobOutcomes outcomes;
  private final JobPurger purger;
  private final Clock clock;

  public JobControl(
      JobRepository jobs,
      JobDispatcher dispatcher,
      JobRunner runner,
      JobOutcomes outcomes,
      JobPurger purger,
      Clock clock) {
    this.jobs = jobs;
    this.dispatcher = dispatcher;
    this.runner = runner;
    this.outcomes = outcomes;
    this.purger = purger;
    this.clock = clock;
  }

  /**
   * Cancels a queued or running job (its grid task stops within the page it is on), or, for a
   * finished job, deletes its stored document and result. Repeating it is harmless.
   *
   * @param by who asked, for the log
   */
  public Job cancelOrPurge(Job job, String by) {
    Instant now = clock.instant();
    if (!job.status().isFinished()) {
      cancel(job, by);
    } else if (job.purgedAt() == null) {
      try {
        purger.purge(job, now);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      log.info("job {} purged by {}", job.id(), by);
    }
    return jobs.findById(job.id()).orElseThrow();
  }

  /**
   * Cancels {@code job} if it has not ended by now (its grid task stops within the page it is on);
   * a job that has ended is left as it is. Repeating it is harmless.
   *
   * @param by who asked, for the log
   */
  public void cancel(Job job, String by) {
    Instant now = clock.instant();
    if (jobs.markCancelled(job.id(), now)) {
      dispatcher.cancelEverywhere(job.id());
      // Jobs waiting for this one compute on their own; a waiting job cancelled leaves its leader.
      runner.leaderFinished(job, null);
      outcomes.cancelled(job, now);
      log.info("job {} cancelled by {}", job.id(), by);
    }
  }

  /**
   * Queues a failed or cancelled job again and dispatches it, as an administrator asked. Its
   * document must still be stored; a quarantined document fails again until it is released.
   */
  public Job retry(Job job, String by) {
    if (!jobs.retry(job.id(), clock.instant())) {
      throw new ApiException(
          ErrorCode.JOB_NOT_RETRYABLE,
          "Job "
              + job.id()
              + " is "
              + job.status().wireName()
              + (job.purgedAt() == null ? "" : " and its document was deleted")
              + "; only a failed or cancelled job whose document is kept can be retried.");
    }
    log.info("job {} queued again by {}", job.id(), by);
    runner.dispatch(jobs.findById(job.id()).orElseThrow());
    return jobs.findById(job.id()).orElseThrow();
  }
}
