package io.docgrid.api.engine;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.NewJob;
import io.docgrid.tasks.document.ProcessingOptions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in a new job whose document is stored already: decides whether it computes, reuses a cached
 * result or waits for an identical job in flight, writes its row (leased to this node when it
 * computes, so that no other node dispatches it meanwhile), and starts it.
 */
public final class JobIntake {

  private static final Logger log = LoggerFactory.getLogger(JobIntake.class);

  /** A job whose row is written, and what it does next. */
  public record Stored(Job job, ResultReuse.Plan plan, ProcessingOptions options) {}

  private final JobRepository jobs;
  private final JobLeases leases;
  private final ResultReuse reuse;
  private final JobRunner runner;
  private final JobOutcomes outcomes;
  private final QueueDepth queueDepth;
  private final Admission admission;
  private final ApiMetrics metrics;
  private final Clock clock;

  public JobIntake(
      JobRepository jobs,
      JobLeases leases,
      ResultReuse reuse,
      JobRunner runner,
      JobOutcomes outcomes,
      QueueDepth queueDepth,
      Admission admission,
      ApiMetrics metrics,
      Clock clock) {
    this.jobs = jobs;
    this.leases = leases;
    this.reuse = reuse;
    this.runner = runner;
    this.outcomes = outcomes;
    this.queueDepth = queueDepth;
    this.admission = admission;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Writes the queued row of {@code caller}'s new job; {@link #start} it next. */
  public Stored store(NewJob newJob, ProcessingOptions options, Principal caller) {
    ResultReuse.Plan plan =
        reuse.plan(
            newJob.id(),
            newJob.documentSha256(),
            newJob.options(),
            options.password() != null,
            runner::hasFinished);
    boolean inserted = false;
    try {
      Job job =
          plan instanceof ResultReuse.Follow follow
              ? jobs.insertFollower(newJob, follow.leader())
              : leases.insertLeased(jobs, newJob);
      inserted = true;
      queueDepth.queued();
      admission.admitted(job.id(), caller);
      metrics.jobSubmitted();
      try (JobLogContext logContext = JobLogContext.of(job)) {
        log.atInfo()
            .addKeyValue("event", "job.submitted")
            .log("job {} queued: {} ({} bytes)", job.id(), newJob.mediaType(), newJob.sizeBytes());
      }
      return new Stored(job, plan, options);
    } finally {
      if (plan instanceof ResultReuse.Lead && !inserted) {
        // Named leader, but never stored: identical jobs must not wait for it.
        reuse.landed(newJob.id(), newJob.documentSha256(), newJob.options());
      }
    }
  }

  /**
   * Completes a stored job from the cache, attaches it to its leader, or dispatches it; returns the
   * job as it stands then (finished, when the cache answered).
   */
  public Job start(Stored stored) {
    Job job = stored.job();
    if (stored.plan() instanceof ResultReuse.Hit hit) {
      log.info("job {} answered from the result cache", job.id());
      return outcomes
          .succeedReused(job, hit.document(), clock.instant())
          .or(() -> jobs.findById(job.id()))
          .orElse(job);
    }
    if (stored.plan() instanceof ResultReuse.Follow follow) {
      log.info("job {} waits for the identical job {}", job.id(), follow.leader());
      // The leader may have finished before this job's row existed, and then never sees it.
      if (runner.hasFinished(follow.leader())) {
        runner.resolveFollower(job, null);
        return jobs.findById(job.id()).orElse(job);
      }
      return job;
    }
    runner.dispatchNew(job, stored.options());
    return job;
  }
}
