package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.auth.Tier;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.usage.UsageRecorder;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.IdempotencyRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.NewJob;
import io.docgrid.sql.model.PageProgress;
import io.docgrid.sql.model.QuarantinedDocument;
import io.docgrid.sql.model.UsageRecord;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentTypeDetector;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ExtractionLimits;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.output.OcrLayer;
import io.docgrid.tasks.output.SearchablePdf;
import io.docgrid.tasks.process.JobStarted;
import io.docgrid.tasks.process.PagePlan;
import io.docgrid.tasks.process.PagePlanner;
import io.docgrid.tasks.process.PagesDone;
import io.docgrid.tasks.process.ProcessDocumentTask;
import io.docgrid.tasks.process.ProcessedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The job lifecycle: store the upload, write the queued row, dispatch to the grid, and record how
 * it ended. The row is written before dispatch and the bytes before the row, so nothing that was
 * acknowledged can be lost; {@link #recoverUnfinished()} picks up whatever a crash interrupted.
 */
public final class JobService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  private static final long OVERLOADED_RETRY_SECONDS = 10;
  private static final int DISPATCH_BATCH = 500;

  private final JobRepository jobs;
  private final BlobStore blobs;
  private final DocumentTypeDetector detector;
  private final ApiMetrics metrics;
  private final ObjectMapper json;
  private final JobOptions options;
  private final Clock clock;
  private final Duration jobTimeout;
  private final ExecutorService callbacks;
  private final JobDispatcher dispatcher;
  private final PagePlanner planner;
  private final SearchablePdf searchablePdf = new SearchablePdf();
  private final Admission admission;
  private final TierPolicy tiers;
  private final JobPurger purger;
  private final IdempotencyKeys idempotency;
  private final int maxQueuedJobs;
  private final Map<UUID, CompletableFuture<Job>> finishing = new ConcurrentHashMap<>();
  private final UsageRecorder usage;
  private final JobLeases leases;
  private final QuarantineRepository quarantine;
  private final ScheduledExecutorService leaseKeeper;
  private final ResultReuse reuse;
  private final FinishedElsewhere finishedElsewhere;

  public JobService(
      JobRepository jobs,
      IdempotencyRepository idempotencyClaims,
      BlobStore blobs,
      DocumentTypeDetector detector,
      Ignite ignite,
      Duration jobTimeout,
      int pagesPerJob,
      int maxQueuedJobs,
      Tenancy tenancy,
      JobDurability durability,
      RequestValidator validator,
      ResultReuse reuse,
      ApiMetrics metrics,
      ObjectMapper json,
      Clock clock) {
    this.jobs = jobs;
    this.reuse = reuse;
    this.admission = new Admission(tenancy.tiers(), tenancy.rateLimiter(), jobs);
    this.tiers = tenancy.tiers();
    this.purger = new JobPurger(jobs, blobs, clock);
    this.idempotency = new IdempotencyKeys(idempotencyClaims, jobs, clock);
    this.maxQueuedJobs = maxQueuedJobs;
    this.usage = tenancy.usage();
    this.blobs = blobs;
    this.detector = detector;
    this.metrics = metrics;
    this.json = json;
    this.options = new JobOptions(json, validator);
    this.clock = clock;
    this.jobTimeout = jobTimeout;
    this.planner = new PagePlanner(pagesPerJob, ExtractionLimits.DEFAULTS.maxPages());
    this.callbacks =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "docgrid-job-callbacks");
              thread.setDaemon(true);
              return thread;
            });
    this.dispatcher = new JobDispatcher(ignite, jobTimeout, callbacks);
    this.leases =
        new JobLeases(
            durability.leases(), dispatcher.localNodeId(), durability.leaseDuration(), clock);
    this.quarantine = durability.quarantine();
    this.leaseKeeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "docgrid-job-leases");
              thread.setDaemon(true);
              return thread;
            });
    dispatcher.onJobStarted(this::markStarted);
    dispatcher.onPagesDone(this::addPagesDone);
    dispatcher.onComputeNodeJoined(this::dispatchQueued);
    dispatcher.onNodeLeft(this::requeueOrphans);
    this.finishedElsewhere = new FinishedElsewhere(ignite);
    finishedElsewhere.subscribe(this::notifyFinished);
    metrics.registerJobStates(this::unfinishedCounts);
  }

  /**
   * Accepts an upload as a new job of {@code caller}, if the caller's tier admits it. The spool
   * file is consumed or deleted, whatever happens.
   */
  Submission submit(
      ReceivedUpload upload, String requestId, Principal caller, Optional<String> idempotencyKey) {
    UUID jobId = UUID.randomUUID();
    JobOptions.Parsed parsedOptions;
    String mediaType;
    boolean claimed = false;
    ResultReuse.Plan plan = new ResultReuse.Compute();
    boolean inserted = false;
    String canonical = null;
    try {
      parsedOptions = options.parse(upload.options());
      canonical = parsedOptions.canonical();
      mediaType = detectSupportedType(upload);
      refuseIfQuarantined(upload.sha256());
      if (idempotencyKey.isPresent()) {
        String request =
            IdempotencyKeys.fingerprint(
                upload.sha256(), parsedOptions.canonical(), upload.fileName());
        Optional<Job> earlier =
            idempotency.claimOrReplay(caller.id(), idempotencyKey.get(), request, jobId);
        if (earlier.isPresent()) {
          return new Submission(earlier.get(), true);
        }
        claimed = true;
      }
      admission.admit(caller, upload.file(), mediaType, parsedOptions.options());
      blobs.putDocument(upload.sha256(), upload.file());
      NewJob newJob =
          new NewJob(
              jobId,
              upload.sha256(),
              upload.fileName(),
              mediaType,
              upload.sizeBytes(),
              parsedOptions.canonical(),
              requestId,
              clock.instant(),
              caller.id(),
              caller.tier().name());
      plan =
          reuse.plan(
              jobId,
              upload.sha256(),
              parsedOptions.canonical(),
              parsedOptions.options().password() != null,
              this::hasFinished);
      Job job =
          plan instanceof ResultReuse.Follow follow
              ? jobs.insertFollower(newJob, follow.leader())
              : leases.insertLeased(jobs, newJob);
      inserted = true;
      claimed = false; // the job exists: the key is for good
      metrics.jobSubmitted();
      log.info("job {} queued: {} ({} bytes)", job.id(), mediaType, upload.sizeBytes());
      start(job, plan, parsedOptions.options());
      return new Submission(jobs.findById(jobId).orElse(job), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (claimed) {
        idempotency.release(caller.id(), idempotencyKey.orElseThrow());
      }
      if (plan instanceof ResultReuse.Lead && !inserted) {
        reuse.landed(jobId, upload.sha256(), canonical);
      }
      deleteQuietly(upload.file());
    }
  }

  /** Completes a new job from the cache, attaches it to its leader, or dispatches it. */
  private void start(Job job, ResultReuse.Plan plan, ProcessingOptions processingOptions) {
    if (plan instanceof ResultReuse.Hit hit) {
      log.info("job {} answered from the result cache", job.id());
      succeed(job, hit.processed(), clock.instant(), Origin.REUSED);
    } else if (plan instanceof ResultReuse.Follow follow) {
      log.info("job {} waits for the identical job {}", job.id(), follow.leader());
      // The leader may have finished before this job's row existed, and then never sees it.
      if (hasFinished(follow.leader())) {
        resolveFollower(job, null);
      }
    } else {
      dispatch(job, processingOptions);
    }
  }

  /** What a submission made: the job, and whether it is an earlier one, for a repeated key. */
  record Submission(Job job, boolean replayed) {}

  /** Forgets Idempotency-Keys older than a day; returns how many. */
  public int deleteExpiredIdempotencyKeys() {
    return idempotency.deleteExpired();
  }

  /**
   * Refuses new work while {@code maxQueuedJobs} wait: counted in the database, so across every API
   * node that shares it. Checked before the upload is read, so a full queue costs no transfer.
   */
  void ensureCapacity() {
    long queued = jobs.countByStatus(JobStatus.QUEUED);
    if (queued >= maxQueuedJobs) {
      metrics.submissionRefused("overloaded");
      throw new ApiException(
              ErrorCode.OVERLOADED,
              queued + " jobs are waiting, the most this service queues; retry shortly.")
          .retryAfter(OVERLOADED_RETRY_SECONDS);
    }
  }

  /**
   * The job once it has finished, or empty if it is still unfinished after {@code timeout}. Never
   * cancels anything: a client that stops waiting finds the job running as before.
   */
  CompletableFuture<Optional<Job>> awaitFinished(UUID id, Duration timeout) {
    CompletableFuture<Job> done = finishing.computeIfAbsent(id, key -> new CompletableFuture<>());
    // Registered before looking, so a job finishing in between is not missed.
    jobs.findById(id).filter(job -> job.status().isFinished()).ifPresent(this::finished);
    // Left in the map after a timeout: other callers may wait on it; the job's end removes it.
    return done.thenApply(Optional::of)
        .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Wakes whoever waits for the job, now that it has reached a final state. */
  private void notifyFinished(UUID id) {
    if (finishing.containsKey(id)) {
      jobs.findById(id).ifPresent(this::finished);
    }
  }

  /**
   * Wakes whoever waits for the job. A job that waited for an identical one is finished by the node
   * where that one finished, so its client may wait on any node: all are told.
   */
  private void notifyFinished(Job job) {
    if (job.followsJobId() == null) {
      notifyFinished(job.id());
    } else {
      finishedElsewhere.announce(job.id());
    }
  }

  private void finished(Job job) {
    CompletableFuture<Job> done = finishing.remove(job.id());
    if (done != null) {
      done.complete(job);
    }
  }

  long maxFileBytes(Principal caller) {
    return admission.maxFileBytes(caller);
  }

  /** The job, if it exists and the caller may see it: other tenants' jobs do not exist for them. */
  Optional<Job> find(UUID id, Principal caller) {
    return jobs.findById(id).filter(job -> caller.mayAccess(job.owner()));
  }

  /** The caller's jobs, newest first; admins see everyone's. */
  List<Job> list(int limit, Optional<JobCursor> after, Principal caller) {
    return jobs.listNewestFirst(
        limit, after, caller.isAdmin() ? Optional.empty() : Optional.of(caller.id()));
  }

  JobResult result(UUID id, Principal caller) {
    Job job = find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
    if (job.status() == JobStatus.FAILED || job.status() == JobStatus.CANCELLED) {
      throw new ApiException(
          ErrorCode.JOB_FAILED,
          "Job "
              + id
              + " ended as "
              + job.status().wireName()
              + " and has no result"
              + (job.errorCode() == null ? "." : " (" + job.errorCode() + ")."));
    }
    if (job.status() != JobStatus.SUCCEEDED) {
      throw new ApiException(
          ErrorCode.JOB_NOT_FINISHED,
          "Job " + id + " is " + job.status().wireName() + "; poll it until it has succeeded.");
    }
    if (job.purgedAt() != null) {
      throw new ApiException(
          ErrorCode.RESULT_EXPIRED,
          "The result of job "
              + id
              + " was deleted at "
              + job.purgedAt()
              + ", when the "
              + job.tier()
              + " tier's retention ended. Submit the document again.");
    }
    try {
      byte[] stored =
          blobs
              .readResult(id)
              .orElseThrow(() -> new IllegalStateException("result missing for job " + id));
      return json.readValue(stored, JobResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The document as a searchable PDF: its pages with the OCRed words laid over them as invisible
   * text. Written to a spool file first, so that a failure still becomes a proper error response;
   * the returned stream reads the already unlinked file.
   */
  InputStream searchablePdf(UUID id, JobResult result, Principal caller) {
    Job job = find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
    boolean pdf = job.mediaType().equals("application/pdf");
    if (!pdf && !job.mediaType().startsWith("image/")) {
      throw ApiException.invalidField(
          "format", "pdf is made from PDF and image documents; this one is " + job.mediaType());
    }
    List<OcrLayer> layers =
        result.pages().stream()
            .filter(page -> page.ocr() != null)
            .map(
                page ->
                    new OcrLayer(
                        page.number(),
                        page.ocr().dpi(),
                        page.ocr().rotation(),
                        page.ocr().skewDegrees(),
                        page.ocr().words().stream()
                            .map(
                                word ->
                                    new OcrLayer.Word(
                                        word.text(),
                                        word.box()[0],
                                        word.box()[1],
                                        word.box()[2],
                                        word.box()[3]))
                            .toList()))
            .toList();
    Path spool = null;
    try (BlobStore.DocumentFile document = blobs.openDocument(job.documentSha256())) {
      spool = blobs.createTemporaryFile();
      try (OutputStream out = Files.newOutputStream(spool)) {
        if (pdf) {
          searchablePdf.fromPdf(document.path(), null, layers, out);
        } else {
          searchablePdf.fromImage(document.path(), layers, storedOptions(job).dpi(), out);
        }
      }
      InputStream in = Files.newInputStream(spool);
      Files.delete(spool);
      return in;
    } catch (InvalidPasswordException e) {
      deleteQuietly(spool);
      throw new ApiException(
          ErrorCode.DOCUMENT_ENCRYPTED,
          "The PDF is password-protected and its password is not kept; a searchable copy cannot"
              + " be made.");
    } catch (IOException e) {
      deleteQuietly(spool);
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Cancels a queued or running job (its grid task stops within the page it is on), or, for a
   * finished job, deletes its stored document and result. Repeating it is harmless.
   */
  Job cancelOrPurge(UUID id, Principal caller) {
    Job job = find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
    Instant now = clock.instant();
    if (!job.status().isFinished()) {
      if (jobs.markCancelled(id, now)) {
        dispatcher.cancelEverywhere(id);
        // Jobs waiting for this one compute on their own; a waiting job cancelled leaves its
        // leader.
        leaderFinished(job, null);
        metrics.jobFinished("cancelled", null, seconds(job.createdAt(), now));
        // 499 ("client closed request"): the client ended the job; it is billed what it used.
        recordUsage(job, 499, job.pages().done(), job.pages().ocr(), now);
        log.info("job {} cancelled by {}", id, caller.id());
        notifyFinished(id);
      }
    } else if (job.purgedAt() == null) {
      try {
        purger.purge(job, now);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      log.info("job {} purged by {}", id, caller.id());
    }
    return jobs.findById(id).orElseThrow();
  }

  /**
   * Takes part in keeping jobs alive: queues again what no live node holds (a previous run of this
   * node, or another API node that is gone), dispatches what is queued, and from now on renews the
   * leases of this node's running jobs and repeats the sweep every third of a lease.
   */
  public void recoverUnfinished() {
    requeueOrphans();
    long every = leases.renewalInterval().toMillis();
    leaseKeeper.scheduleWithFixedDelay(this::keepLeases, every, every, TimeUnit.MILLISECONDS);
  }

  private void keepLeases() {
    try {
      for (UUID lost : leases.renew(dispatcher.inFlightIds())) {
        // Another node took the job over after this one failed to renew in time: it runs there.
        log.warn("job {} was taken over by another node; stopping it here", lost);
        dispatcher.cancelLocally(lost);
      }
      requeueOrphans();
    } catch (RuntimeException e) {
      log.warn("could not renew job leases; retrying shortly", e);
    }
  }

  /** Queues again the jobs of nodes that left or stopped renewing, and dispatches the queue. */
  private void requeueOrphans() {
    List<UUID> requeued = leases.requeueOrphans(dispatcher.liveNodeIds());
    if (!requeued.isEmpty()) {
      metrics.jobsRequeued(requeued.size());
      log.info("queued again {} jobs whose node left or stopped renewing", requeued.size());
    }
    dispatchQueued();
  }

  /**
   * Queues a failed or cancelled job again and dispatches it, as an administrator asked. Its
   * document must still be stored; a quarantined document fails again until it is released.
   */
  Job retry(UUID id, Principal caller) {
    Job job = find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
    if (!jobs.retry(id, clock.instant())) {
      throw new ApiException(
          ErrorCode.JOB_NOT_RETRYABLE,
          "Job "
              + id
              + " is "
              + job.status().wireName()
              + (job.purgedAt() == null ? "" : " and its document was deleted")
              + "; only a failed or cancelled job whose document is kept can be retried.");
    }
    log.info("job {} queued again by {}", id, caller.id());
    Job queued = jobs.findById(id).orElseThrow();
    dispatch(queued, storedOptions(queued));
    return jobs.findById(id).orElseThrow();
  }

  private void refuseIfQuarantined(String sha256) {
    quarantine
        .find(sha256)
        .ifPresent(
            poison -> {
              throw new ApiException(
                  ErrorCode.POISON_DOCUMENT,
                  "This document is quarantined since "
                      + poison.quarantinedAt()
                      + ": "
                      + poison.reason());
            });
  }

  /** Whether jobs dispatched from this node are still running on the grid. */
  public int jobsInFlight() {
    return dispatcher.inFlightCount();
  }

  public int computeNodeCount() {
    return dispatcher.computeNodeCount();
  }

  /** Waits for jobs dispatched from this node to finish, up to {@code grace}. */
  public boolean awaitInFlight(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (dispatcher.inFlightCount() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Claims and dispatches queued jobs no node holds, oldest first, while there are workers. */
  private void dispatchQueued() {
    // Followers whose leader ended while no node was there to hand on the result (a crash).
    for (Job follower : jobs.findFollowersOfFinished(DISPATCH_BATCH)) {
      resolveFollower(follower, null);
    }
    if (!dispatcher.hasComputeNodes()) {
      return;
    }
    for (UUID id : leases.claimable(DISPATCH_BATCH)) {
      jobs.findById(id).ifPresent(job -> dispatch(job, storedOptions(job)));
    }
  }

  /**
   * Whether the job has reached a final state. A job without a row is taken as unfinished: a
   * leader's row is written just after it is named leader.
   */
  private boolean hasFinished(UUID id) {
    return jobs.findById(id).map(job -> job.status().isFinished()).orElse(false);
  }

  /**
   * The job has finished (or was cancelled): the jobs that waited for it reuse its result, or, when
   * it has none, are dispatched on their own.
   */
  private void leaderFinished(Job leader, ProcessedDocument processed) {
    reuse.landed(leader);
    for (Job follower : jobs.findFollowers(leader.id())) {
      resolveFollower(follower, processed);
    }
  }

  /**
   * Ends a follower's wait, once however many nodes try: with {@code processed} (its leader's
   * document), with the cached document, or by dispatching it.
   */
  private void resolveFollower(Job follower, ProcessedDocument processed) {
    if (!jobs.detachFollower(follower.id())) {
      return;
    }
    Optional<ProcessedDocument> reused =
        Optional.ofNullable(processed).or(() -> reuse.cached(follower));
    if (reused.isPresent()) {
      succeed(follower, reused.get(), clock.instant(), Origin.REUSED);
    } else {
      log.info("job {} computes on its own: the job it waited for has no result", follower.id());
      dispatch(follower, storedOptions(follower));
    }
  }

  /**
   * The options a job was stored with. The password is never stored, so a job that needed one and
   * was interrupted by a restart fails as encrypted and must be submitted again.
   */
  private ProcessingOptions storedOptions(Job job) {
    try {
      return options.readStored(job.options());
    } catch (ApiException e) {
      log.warn("job {} has unreadable stored options; using the defaults", job.id());
      return ProcessingOptions.DEFAULTS;
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
  private void dispatch(Job job, ProcessingOptions processingOptions) {
    if (dispatcher.isInFlight(job.id()) || !leases.claim(job.id())) {
      return;
    }
    Optional<QuarantinedDocument> poison = quarantine.find(job.documentSha256());
    if (poison.isPresent()) {
      fail(job, ErrorCode.POISON_DOCUMENT.name(), poison.get().reason(), clock.instant());
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

  private void addPagesDone(PagesDone pages) {
    jobs.addPagesDone(pages.jobId(), pages.done(), pages.failed(), pages.ocr(), clock.instant());
  }

  private void markStarted(JobStarted started) {
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
        boolean succeeded = succeed(job, completed.processed(), now, origin);
        leaderFinished(job, succeeded ? completed.processed() : null);
      } else if (outcome instanceof DispatchOutcome.Rejected rejected) {
        if (rejected.code() == DocumentErrorCode.POISON_DOCUMENT) {
          quarantine(job, rejected.message(), now);
        }
        fail(job, ErrorMapper.codeOf(rejected.code()).name(), rejected.message(), now);
        leaderFinished(job, null);
      } else if (outcome instanceof DispatchOutcome.TimedOut) {
        fail(
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
        fail(
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

  /** Where a result came from, which decides whether the cache may keep it. */
  private enum Origin {
    COMPUTED,
    /** Computed with a PDF password: never shared through the cache. */
    COMPUTED_PRIVATE,
    REUSED
  }

  /** Records the job's result; false when it failed after all, or had ended meanwhile. */
  private boolean succeed(Job job, ProcessedDocument processed, Instant now, Origin origin) {
    ExtractedDocument document = processed.document();
    List<PageText> failed = document.pages().stream().filter(PageText::hasFailed).toList();
    if (!failed.isEmpty() && failed.size() == document.pages().size()) {
      // Nothing came through: the document failed, for its first page's reason.
      PageText first = failed.get(0);
      fail(job, ErrorMapper.codeOf(first.error().code()).name(), first.error().message(), now);
      return false;
    }
    JobResult result = ResultAssembler.assemble(job, processed, now, json);
    try {
      blobs.putResult(job.id(), json.writeValueAsBytes(result));
    } catch (IOException e) {
      log.error("could not store the result of job {}", job.id(), e);
      fail(job, ErrorCode.INTERNAL_ERROR.name(), "The result could not be stored.", now);
      return false;
    }
    int ocrPages =
        (int) document.pages().stream().filter(page -> PageText.OCR.equals(page.source())).count();
    int pageTotal = document.pages().size();
    PageProgress pages =
        new PageProgress(pageTotal, pageTotal - failed.size(), failed.size(), ocrPages);
    boolean marked =
        origin == Origin.REUSED
            ? jobs.markSucceededFromCache(job.id(), document.pageCount(), pages, now)
            : jobs.markSucceeded(job.id(), document.pageCount(), pages, now);
    if (!marked) {
      // Cancelled meanwhile: keep nothing of it. Finished another way (from the cache while a
      // dispatch raced it): the result written is as good as the one there was.
      if (jobs.findById(job.id()).map(row -> row.status() == JobStatus.CANCELLED).orElse(true)) {
        deleteResultQuietly(job.id());
      }
      return false;
    }
    if (origin == Origin.COMPUTED && failed.isEmpty()) {
      // Only complete results are kept: a failed page may well succeed another time.
      reuse.remember(job, processed);
    }
    metrics.jobFinished("succeeded", null, seconds(job.createdAt(), now));
    recordUsage(job, 200, pages.done(), ocrPages, now);
    notifyFinished(job);
    log.info("job {} succeeded: {} pages", job.id(), document.pageCount());
    return true;
  }

  private void quarantine(Job job, String reason, Instant now) {
    // The grid gave up on it after this many workers died running it.
    int attempts = ProcessDocumentTask.MAX_LOST_WORKERS;
    if (quarantine.add(
        new QuarantinedDocument(job.documentSha256(), job.id(), reason, attempts, now))) {
      metrics.documentQuarantined();
      log.warn("document {} quarantined: {}", job.documentSha256(), reason);
    }
  }

  private void fail(Job job, String code, String message, Instant now) {
    if (jobs.markFailed(job.id(), code, message, now)) {
      metrics.jobFinished("failed", code, seconds(job.createdAt(), now));
      recordUsage(job, ErrorCode.valueOf(code).status(), 0, 0, now);
      notifyFinished(job);
      log.info("job {} failed: {} {}", job.id(), code, message);
    }
  }

  /** The job's row in the usage log: the pages it processed, billed to its owner. */
  private void recordUsage(Job job, int status, int pages, int ocrPages, Instant now) {
    usage.record(
        UsageRecord.job(
            now,
            Principal.keyIdOf(job.owner()),
            job.owner(),
            job.tier(),
            JobRoutes.JOBS_PATH,
            "POST",
            status,
            pages,
            ocrPages,
            Duration.between(job.createdAt(), now).toMillis(),
            job.requestId()));
  }

  private String detectSupportedType(ReceivedUpload upload) throws IOException {
    String mediaType = detector.detect(upload.file());
    if (!detector.isSupported(mediaType)) {
      throw new ApiException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content of type "
              + mediaType
              + " is not supported. Send a PDF, an office document,"
              + " HTML or text.");
    }
    if (!detector.isConsistent(mediaType, upload.fileName())) {
      throw new ApiException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "The file name '"
              + upload.fileName()
              + "' does not match its content ("
              + mediaType
              + "). Rename the file or send the right one.");
    }
    return mediaType;
  }

  private Map<String, Long> unfinishedCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.RUNNING)) {
      counts.put(status.wireName(), jobs.countByStatus(status));
    }
    return counts;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private void deleteResultQuietly(UUID id) {
    try {
      blobs.deleteResult(id);
    } catch (IOException e) {
      log.warn("could not delete the result of job {}", id);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete a spool file; it is swept at the next start");
    }
  }

  @Override
  public void close() {
    leaseKeeper.shutdownNow();
    finishedElsewhere.close();
    dispatcher.close();
    callbacks.shutdown();
    try {
      callbacks.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
