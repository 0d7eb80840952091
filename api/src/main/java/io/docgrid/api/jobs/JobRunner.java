package io.docgrid.api.jobs;

import io.docgrid.api.auth.Tier;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.jobs.JobOutcomes.Origin;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.QuarantinedDocument;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.process.JobStarted;
import io.docgrid.tasks.process.PagePlan;
import io.docgrid.tasks.process.PagePlanner;
import io.docgrid.tasks.process.PagesDone;
import io.docgrid.tasks.process.ProcessedDocument;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs jobs on the grid from this node: claims a job's lease, plans its page ranges, dispatches it,
 * and turns what the grid reports into the job's ending. Jobs that waited for an identical one are
 * resolved here too, when that one ends.
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final int DISPATCH_BATCH = 500;

  private final JobRepository jobs;
  private final BlobStore blobs;
  private final JobDispatcher dispatcher;
  private final JobLeases leases;
  private final QuarantineRepository quarantine;
  private final ResultReuse reuse;
  private final JobOutcomes outcomes;
  private final JobOptions options;
  private final TierPolicy tiers;
  private final PagePlanner planner;
  private final Duration jobTimeout;
  private final Clock clock;

  JobRunner(
      JobRepository jobs,
      BlobStore blobs,
      JobDispatcher dispatcher,
      JobLeases leases,
      QuarantineRepository quarantine,
      ResultReuse reuse,
      JobOutcomes outcomes,
      JobOptions options,
      TierPolicy tiers,
      PagePlanner planner,
      Duration jobTimeout,
      Clock clock) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.dispatcher = dispatcher;
    this.leases = leases;
    this.quarantine = quarantine;
    this.reuse = reuse;
    this.outcomes = outcomes;
    this.options = options;
    this.tiers = tiers;
    this.planner = planner;
    this.jobTimeout = jobTimeout;
    this.clock = clock;
  }

  /** Dispatches the job with the options it was stored with. */
  void dispatch(Job job) {
    dispatch(job, options.storedOptionsOf(job));
  }

  /** Claims and dispatches queued jobs no node holds, oldest first, while there are workers. */
  void dispatchQueued() {
    // Followers whose leader ended while no node was there to hand on the result (a crash).
    for (Job follower : jobs.findFollowersOfFinished(DISPATCH_BATCH)) {
      resolveFollower(follower, null);
    }
    if (!dispatcher.hasComputeNodes()) {
      return;
    }
    for (UUID id : leases.claimable(DISPATCH_BATCH)) {
      jobs.findById(id).ifPresent(job -> dispatch(job));
    }
  }

  /**
   * Whether the job has reached a final state. A job without a row is taken as unfinished: a
   * leader's row is written just after it is named leader.
   */
  boolean hasFinished(UUID id) {
    return jobs.findById(id).map(job -> job.status().isFinished()).orElse(false);
  }

  /**
   * The job has finished (or was cancelled): the jobs that waited for it reuse its result, or, when
   * it has none, are dispatched on their own.
   */
  void leaderFinished(Job leader, ProcessedDocument processed) {
    reuse.landed(leader);
    for (Job follower : jobs.findFollowers(leader.id())) {
      resolveFollower(follower, processed);
    }
  }

  /**
   * Ends a follower's wait, once however many nodes try: with {@code processed} (its leader's
   * document), with the cached document, or by dispatching it.
   */
  void resolveFollower(Job follower, ProcessedDocument processed) {
    if (!jobs.detachFollower(follower.id())) {
      return;
    }
    Optional<ProcessedDocument> reused =
        Optional.ofNullable(processed).or(() -> reuse.cached(follower));
    if (reused.isPresent()) {
      outcomes.succeed(follower, reused.get(), clock.instant(), Origin.REUSED);
    } else {
      log.info("job {} computes on its own: the job it waited for has no result", follower.id());
      dispatch(follower);
    }
  }

  /** The dispatch priority of the job's tier; jobs from before tiers existed get the lowest. */
  private int priorityOf(Job job) {
    return Tier.fromWire(job.tier()).map(tier -> tiers.of(tier).priority()).orElse(0);
  }

  /**
   * Runs the job from this node if it can claim the job's lease; otherwise another API node holds
   * it, or there is no compute node yet and the job waits, queued, for whichever claims it first.
   */
  void dispatch(Job job, ProcessingOptions processingOptions) {
    if (dispatcher.isInFlight(job.id()) || !leases.claim(job.id())) {
      return;
    }
    Optional<QuarantinedDocument> poison = quarantine.find(job.documentSha256());
    if (poison.isPresent()) {
      outcomes.fail(job, ErrorCode.POISON_DOCUMENT.name(), poison.get().reason(), clock.instant());
      return;
    }
    PagePlan plan = plan(job, processingOptions);
    boolean sent =
        dispatcher.dispatch(
            job.id(),
            job.documentSha256(),
            job.mediaType(),
            processingOptions,
            plan,
            priorityOf(job),
            job.owner(),
            job.requestId(),
            outcome ->
                complete(
                    job,
                    outcome,
                    processingOptions.password() == null
                        ? Origin.COMPUTED
                        : Origin.COMPUTED_PRIVATE));
    if (!sent) {
      leases.release(job.id());
      log.warn("job {} waits: no compute node in the cluster", job.id());
    }
  }

  /** Counts the pages to process and cuts them into ranges; recorded as the job's page total. */
  private PagePlan plan(Job job, ProcessingOptions processingOptions) {
    if (dispatcher.isInFlight(job.id())) {
      return PagePlan.WHOLE_DOCUMENT;
    }
    PagePlan plan;
    try (BlobStore.DocumentFile document = blobs.openDocument(job.documentSha256())) {
      plan = planner.plan(document.path(), job.mediaType(), processingOptions);
    } catch (IOException e) {
      log.warn("job {}: document not readable for planning; one grid job", job.id());
      return PagePlan.WHOLE_DOCUMENT;
    }
    if (plan.selectedPages() != null) {
      jobs.setPagesTotal(job.id(), plan.selectedPages(), clock.instant());
    }
    return plan;
  }

  void addPagesDone(PagesDone pages) {
    jobs.addPagesDone(pages.jobId(), pages.done(), pages.failed(), pages.ocr(), clock.instant());
  }

  void markStarted(JobStarted started) {
    jobs.markRunning(started.jobId(), started.nodeId(), started.startedAt());
  }

  private void complete(Job job, DispatchOutcome outcome, Origin origin) {
    try (MDC.MDCCloseable jobId = MDC.putCloseable("jobId", job.id().toString());
        MDC.MDCCloseable requestId = MDC.putCloseable("requestId", job.requestId())) {
      Instant now = clock.instant();
      if (outcome instanceof DispatchOutcome.Interrupted) {
        log.info("job {} interrupted; it resumes on another node or at the next start", job.id());
        return;
      }
      if (!leases.holds(job.id())) {
        // Cancelled, or taken over by another node when this one missed its renewals: the
        // outcome here is not the job's.
        log.info("job {} is no longer held by this node; its outcome here is dropped", job.id());
        return;
      }
      if (outcome instanceof DispatchOutcome.Completed completed) {
        boolean succeeded = outcomes.succeed(job, completed.processed(), now, origin);
        leaderFinished(job, succeeded ? completed.processed() : null);
      } else if (outcome instanceof DispatchOutcome.Rejected rejected) {
        if (rejected.code() == DocumentErrorCode.POISON_DOCUMENT) {
          outcomes.quarantine(job, rejected.message(), now);
        }
        outcomes.fail(job, ErrorMapper.codeOf(rejected.code()).name(), rejected.message(), now);
        leaderFinished(job, null);
      } else if (outcome instanceof DispatchOutcome.TimedOut) {
        outcomes.fail(
            job,
            ErrorCode.PROCESSING_TIMEOUT.name(),
            "Processing exceeded the limit of " + jobTimeout.toSeconds() + " seconds.",
            now);
        leaderFinished(job, null);
      } else if (outcome instanceof DispatchOutcome.NoWorker) {
        jobs.requeue(job.id(), now);
        leases.release(job.id());
        log.warn("job {} lost its compute node; queued again", job.id());
      } else if (outcome instanceof DispatchOutcome.Crashed crashed) {
        log.error("job {} failed unexpectedly", job.id(), crashed.failure());
        outcomes.fail(
            job,
            ErrorCode.INTERNAL_ERROR.name(),
            "Processing failed unexpectedly. Quote the request id when reporting it.",
            now);
        leaderFinished(job, null);
      }
    } catch (RuntimeException e) {
      log.error("could not record the outcome of job {}", job.id(), e);
    }
  }
}
