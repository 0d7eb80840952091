package io.docgrid.api.engine;

import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.cache.ReusableDocument;
import io.docgrid.api.engine.JobOutcomes.Origin;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.model.FirstLook;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.QuarantinedDocument;
import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.process.CountedDocument;
import io.docgrid.tasks.process.JobStarted;
import io.docgrid.tasks.process.PagePlan;
import io.docgrid.tasks.process.PagePlanner;
import io.docgrid.tasks.process.PagesDone;
import io.docgrid.tasks.process.StoredDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on the grid from this node: claims a job's lease, plans its page ranges from what its
 * first look recorded (a job not yet looked at gets a first look, which reads a short document at
 * once and only counts a long one), dispatches it, and turns what the grid reports into the job's
 * ending. Jobs that waited for an identical one are resolved here too, when that one ends.
 */
public final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final int DISPATCH_BATCH = 500;

  private final JobRepository jobs;
  private final JobDispatcher dispatcher;
  private final JobLeases leases;
  private final QuarantineRepository quarantine;
  private final ResultReuse reuse;
  private final JobOutcomes outcomes;
  private final StoredOptions storedOptions;
  private final Admission admission;
  private final PagePlanner planner;
  private final ProgressLedger progress;
  private final Duration jobTimeout;
  private final Clock clock;

  /**
   * @param progress where the grid's reports of this node's running jobs wait to be written
   */
  public JobRunner(
      JobRepository jobs,
      JobDispatcher dispatcher,
      JobLeases leases,
      QuarantineRepository quarantine,
      ResultReuse reuse,
      JobOutcomes outcomes,
      StoredOptions storedOptions,
      Admission admission,
      PagePlanner planner,
      ProgressLedger progress,
      Duration jobTimeout,
      Clock clock) {
    this.jobs = jobs;
    this.dispatcher = dispatcher;
    this.leases = leases;
    this.quarantine = quarantine;
    this.reuse = reuse;
    this.outcomes = outcomes;
    this.storedOptions = storedOptions;
    this.admission = admission;
    this.planner = planner;
    this.progress = progress;
    this.jobTimeout = jobTimeout;
    this.clock = clock;
  }

  /**
   * Dispatches the job with the options it was stored with; a job whose stored options cannot be
   * read fails with OPTIONS_UNREADABLE rather than run with options nobody asked for.
   */
  void dispatch(Job job) {
    ProcessingOptions stored;
    try {
      stored = storedOptions.of(job);
    } catch (ApiException unreadable) {
      if (!dispatcher.isInFlight(job.id()) && leases.claim(job.id())) {
        log.error("job {} fails: {}", job.id(), unreadable.getMessage());
        fail(job, unreadable.code().name(), unreadable.getMessage(), clock.instant());
      }
      return;
    }
    dispatch(job, stored);
  }

  /** Claims and dispatches queued jobs no node holds, oldest first, while there are workers. */
  public void dispatchQueued() {
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
  void leaderFinished(Job leader, ReusableDocument computed) {
    if (!reuse.enabled()) {
      return; // nobody follows anybody
    }
    reuse.landed(leader);
    for (Job follower : jobs.findFollowers(leader.id())) {
      resolveFollower(follower, computed);
    }
  }

  /**
   * Ends a follower's wait, once however many nodes try: with {@code computed} (its leader's
   * document), with the cached document, or by dispatching it.
   */
  void resolveFollower(Job follower, ReusableDocument computed) {
    if (!jobs.detachFollower(follower.id())) {
      return;
    }
    Optional<ReusableDocument> reused =
        Optional.ofNullable(computed).or(() -> reuse.cached(follower));
    if (reused.isPresent()) {
      outcomes.succeedReused(follower, reused.get(), clock.instant());
    } else {
      log.info("job {} computes on its own: the job it waited for has no result", follower.id());
      dispatch(follower);
    }
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
    send(job, processingOptions);
  }

  /**
   * Dispatches a job just stored with this node's lease: its document was checked against the
   * quarantine moments ago, at submission.
   */
  void dispatchNew(Job job, ProcessingOptions processingOptions) {
    send(job, processingOptions);
  }

  private void send(Job job, ProcessingOptions processingOptions) {
    if (Boolean.TRUE.equals(job.documentEncrypted()) && processingOptions.password() == null) {
      // Its password came with the submission and is never stored: a run after a restart cannot
      // open the document.
      outcomes.fail(
          job,
          ErrorCode.DOCUMENT_ENCRYPTED.name(),
          "The document is password-protected and its password is not kept after a restart;"
              + " submit it again with the password.",
          clock.instant());
      return;
    }
    int maxPages = admission.maxPages(job.tier());
    PagePlan plan =
        job.isCounted()
            ? planner.plan(job.pageCount(), processingOptions.pages(), maxPages)
            : planner.firstLook(maxPages);
    Instant dispatchedAt = clock.instant();
    boolean sent =
        dispatcher.dispatch(
            job,
            processingOptions,
            plan,
            admission.priority(job.tier()),
            outcome ->
                complete(
                    job,
                    processingOptions,
                    outcome,
                    processingOptions.password() == null
                        ? Origin.COMPUTED
                        : Origin.COMPUTED_PRIVATE,
                    dispatchedAt));
    if (sent) {
      try (JobLogContext logContext = JobLogContext.of(job)) {
        log.atInfo()
            .addKeyValue("event", "job.dispatched")
            .log("job {} dispatched in {} page ranges", job.id(), plan.ranges().size());
      }
    }
    if (!sent) {
      leases.release(job.id());
      log.warn("job {} waits: no compute node in the cluster", job.id());
    }
  }

  public void addPagesDone(PagesDone pages) {
    progress.pagesDone(pages);
  }

  public void markStarted(JobStarted started) {
    progress.started(started);
  }

  private void complete(
      Job job,
      ProcessingOptions processingOptions,
      DispatchOutcome outcome,
      Origin origin,
      Instant dispatchedAt) {
    try (JobLogContext logContext = JobLogContext.of(job)) {
      Instant now = clock.instant();
      if (outcome instanceof DispatchOutcome.Interrupted) {
        log.info("job {} interrupted; it resumes on another node or at the next start", job.id());
        return;
      }
      if (outcome instanceof DispatchOutcome.Completed completed) {
        if (completed.document() instanceof CountedDocument counted) {
          planRanges(job, processingOptions, counted.facts());
          return;
        }
        StoredDocument processed = (StoredDocument) completed.document();
        Optional<ProgressLedger.Start> start = progress.finish(job.id());
        JobOutcomes.Run run =
            new JobOutcomes.Run(
                leases.holder(),
                start.map(ProgressLedger.Start::nodeId).orElse(processed.nodeIds().get(0)),
                start.map(ProgressLedger.Start::at).orElse(dispatchedAt),
                dispatchedAt,
                now);
        // The success update itself checks the lease: an outcome of a job another node took
        // over is not this one's to record.
        boolean succeeded = outcomes.succeedComputed(job, processed, now, origin, run).isPresent();
        admission.ended(job.id());
        leaderFinished(job, succeeded ? outcomes.reusable(job, processed) : null);
        return;
      }
      progress.finish(job.id());
      if (!leases.holds(job.id())) {
        // Cancelled, or taken over by another node when this one missed its renewals: the
        // outcome here is not the job's.
        log.info("job {} is no longer held by this node; its outcome here is dropped", job.id());
        return;
      }
      if (outcome instanceof DispatchOutcome.Rejected rejected) {
        if (rejected.code() == DocumentErrorCode.POISON_DOCUMENT) {
          outcomes.quarantine(job, rejected.message(), now);
        }
        fail(job, ErrorMapper.codeOf(rejected.code()).name(), rejected.message(), now);
      } else if (outcome instanceof DispatchOutcome.TimedOut) {
        fail(
            job,
            ErrorCode.PROCESSING_TIMEOUT.name(),
            "Processing exceeded the limit of " + jobTimeout.toSeconds() + " seconds.",
            now);
      } else if (outcome instanceof DispatchOutcome.NoWorker) {
        jobs.requeue(job.id(), now);
        leases.release(job.id());
        log.warn("job {} lost its compute node; queued again", job.id());
      } else if (outcome instanceof DispatchOutcome.Crashed crashed) {
        log.error("job {} failed unexpectedly", job.id(), crashed.failure());
        fail(
            job,
            ErrorCode.INTERNAL_ERROR.name(),
            "Processing failed unexpectedly. Quote the request id when reporting it.",
            now);
      }
    } catch (RuntimeException e) {
      log.error("could not record the outcome of job {}", job.id(), e);
    }
  }

  /**
   * A first look counted more pages than one grid job reads: records the document's facts (once, so
   * that a run after a restart plans from them without reading the document), charges its pages,
   * and dispatches its page ranges.
   */
  private void planRanges(Job job, ProcessingOptions processingOptions, DocumentFacts facts) {
    Instant now = clock.instant();
    if (!leases.holds(job.id())) {
      log.info("job {} is no longer held by this node; its first look here is dropped", job.id());
      return;
    }
    FirstLook look =
        new FirstLook(
            facts.mediaType(), facts.pageCount(), facts.selectedPages(), facts.encrypted());
    if (jobs.recordFirstLook(job.id(), look, now)) {
      Optional<String> refused = admission.chargeCounted(job, facts.selectedPages());
      if (refused.isPresent()) {
        fail(job, ErrorCode.QUOTA_EXCEEDED.name(), refused.get(), now);
        return;
      }
    }
    Optional<Job> counted = jobs.findById(job.id()).filter(row -> !row.status().isFinished());
    if (counted.isEmpty()) {
      return; // cancelled while it was being counted
    }
    log.info(
        "job {}: {} of {} pages in ranges of at most {}",
        job.id(),
        facts.selectedPages(),
        facts.pageCount(),
        planner.pagesPerJob());
    send(counted.get(), processingOptions);
  }

  private void fail(Job job, String code, String message, Instant now) {
    outcomes.fail(job, code, message, now);
    admission.ended(job.id());
    leaderFinished(job, null);
  }
}
