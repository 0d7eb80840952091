package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.jobs.JobOutcomes.Origin;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.IdempotencyRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.NewJob;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.document.DocumentTypeDetector;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.process.PagePlanner;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job lifecycle: store the upload, write the queued row, dispatch to the grid, and record how
 * it ended. The row is written before dispatch and the bytes before the row, so nothing that was
 * acknowledged can be lost; {@link #recoverUnfinished()} picks up whatever a crash interrupted.
 */
public final class JobService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  private static final long OVERLOADED_RETRY_SECONDS = 10;
  private static final Duration QUEUE_DEPTH_MAX_AGE = Duration.ofSeconds(1);

  private final JobRepository jobs;
  private final BlobStore blobs;
  private final DocumentTypeDetector detector;
  private final ApiMetrics metrics;
  private final JobOptions options;
  private final Clock clock;
  private final ExecutorService callbacks;
  private final JobDispatcher dispatcher;
  private final Admission admission;
  private final JobPurger purger;
  private final IdempotencyKeys idempotency;
  private final int maxQueuedJobs;
  private final JobLeases leases;
  private final QuarantineRepository quarantine;
  private final LeaseKeeper leaseKeeper;
  private final ResultReuse reuse;
  private final FinishWaiters waiters;
  private final JobOutcomes outcomes;
  private final JobRunner runner;
  private final JobResults results;
  private final QueueDepth queueDepth;

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
    this.queueDepth =
        new QueueDepth(() -> jobs.countByStatus(JobStatus.QUEUED), QUEUE_DEPTH_MAX_AGE);
    this.purger = new JobPurger(jobs, blobs, clock);
    this.idempotency = new IdempotencyKeys(idempotencyClaims, jobs, clock);
    this.maxQueuedJobs = maxQueuedJobs;
    this.blobs = blobs;
    this.detector = detector;
    this.metrics = metrics;
    this.options = new JobOptions(validator);
    this.clock = clock;
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
    this.waiters = new FinishWaiters(jobs, ignite);
    this.outcomes =
        new JobOutcomes(
            jobs, blobs, json, reuse, quarantine, tenancy.usage(), metrics, waiters, admission);
    this.runner =
        new JobRunner(
            jobs,
            dispatcher,
            leases,
            quarantine,
            reuse,
            outcomes,
            options,
            tenancy.tiers(),
            admission,
            new PagePlanner(pagesPerJob),
            jobTimeout,
            clock);
    this.leaseKeeper = new LeaseKeeper(leases, dispatcher, metrics, runner::dispatchQueued);
    this.results = new JobResults(blobs, json, options, dispatcher);
    dispatcher.onJobStarted(runner::markStarted);
    dispatcher.onPagesDone(runner::addPagesDone);
    dispatcher.onComputeNodeJoined(runner::dispatchQueued);
    dispatcher.onNodeLeft(leaseKeeper::requeueOrphans);
    metrics.registerJobStates(this::unfinishedCounts);
  }

  /**
   * Accepts an upload as a new job of {@code caller}, if the caller's tier admits it, and
   * dispatches it. The spool file is consumed or deleted, whatever happens. With {@code wait}, the
   * submission also carries a future of the job's end, registered before the job could end.
   */
  Submission submit(
      ReceivedUpload upload,
      String requestId,
      Principal caller,
      Optional<String> idempotencyKey,
      boolean wait) {
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
          return new Submission(earlier.get(), true, null);
        }
        claimed = true;
      }
      admission.admit(caller);
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
              runner::hasFinished);
      Job job =
          plan instanceof ResultReuse.Follow follow
              ? jobs.insertFollower(newJob, follow.leader())
              : leases.insertLeased(jobs, newJob);
      inserted = true;
      claimed = false; // the job exists: the key is for good
      queueDepth.queued();
      admission.admitted(job.id(), caller);
      metrics.jobSubmitted();
      log.info("job {} queued: {} ({} bytes)", job.id(), mediaType, upload.sizeBytes());
      CompletableFuture<FinishWaiters.Finished> finished = wait ? waiters.register(job.id()) : null;
      return new Submission(start(job, plan, parsedOptions.options()), false, finished);
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

  /**
   * Completes a new job from the cache, attaches it to its leader, or dispatches it; returns the
   * job as it stands then (finished, when the cache answered).
   */
  private Job start(Job job, ResultReuse.Plan plan, ProcessingOptions processingOptions) {
    if (plan instanceof ResultReuse.Hit hit) {
      log.info("job {} answered from the result cache", job.id());
      return outcomes
          .succeed(job, hit.processed(), clock.instant(), Origin.REUSED, null)
          .or(() -> jobs.findById(job.id()))
          .orElse(job);
    }
    if (plan instanceof ResultReuse.Follow follow) {
      log.info("job {} waits for the identical job {}", job.id(), follow.leader());
      // The leader may have finished before this job's row existed, and then never sees it.
      if (runner.hasFinished(follow.leader())) {
        runner.resolveFollower(job, null);
        return jobs.findById(job.id()).orElse(job);
      }
      return job;
    }
    runner.dispatchNew(job, processingOptions);
    return job;
  }

  /**
   * What a submission made: the job (as stored, queued), whether it is an earlier one for a
   * repeated key, and, when the caller waits, a future of its end (null for a repeated key, whose
   * job may have ended long ago: {@link #awaitFinished} looks it up).
   */
  record Submission(Job job, boolean replayed, CompletableFuture<FinishWaiters.Finished> finished) {

    /** The job's end, or empty after {@code timeout}. */
    CompletableFuture<Optional<FinishWaiters.Finished>> awaitFinished(
        JobService service, Duration timeout) {
      return finished == null
          ? service.awaitFinished(job.id(), timeout)
          : FinishWaiters.await(finished, timeout);
    }
  }

  /** Forgets Idempotency-Keys older than a day; returns how many. */
  public int deleteExpiredIdempotencyKeys() {
    return idempotency.deleteExpired();
  }

  /**
   * Refuses new work while {@code maxQueuedJobs} wait: counted in the database, so across every API
   * node that shares it. Checked before the upload is read, so a full queue costs no transfer.
   */
  void ensureCapacity() {
    long queued = queueDepth.estimate();
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
  CompletableFuture<Optional<FinishWaiters.Finished>> awaitFinished(UUID id, Duration timeout) {
    return waiters.await(id, timeout);
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
    return results.of(find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id)));
  }

  /** The result of a job that has just finished: the one it finished with, or the stored one. */
  JobResult result(FinishWaiters.Finished finished) {
    return finished.knownResult().orElseGet(() -> results.of(finished.job()));
  }

  /** The document as a searchable PDF, made from {@code result}. */
  InputStream searchablePdf(UUID id, JobResult result, Principal caller) {
    Job job = find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
    return results.searchablePdf(job, result);
  }

  /** The searchable PDF of a job that has just finished. */
  InputStream searchablePdf(FinishWaiters.Finished finished) {
    return results.searchablePdf(finished.job(), result(finished));
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
        runner.leaderFinished(job, null);
        outcomes.cancelled(job, now);
        log.info("job {} cancelled by {}", id, caller.id());
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
    leaseKeeper.start();
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
    runner.dispatch(queued);
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

  /**
   * The upload's type from its magic bytes, never from parsing it: a zip or OLE2 package is taken
   * as the supported type its name claims, and its first look on a compute node tells for sure.
   */
  private String detectSupportedType(ReceivedUpload upload) throws IOException {
    String mediaType = detector.detectFromMagic(upload.file());
    if (!detector.mayBeSupported(mediaType, upload.fileName())) {
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

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete a spool file; it is swept at the next start");
    }
  }

  @Override
  public void close() {
    leaseKeeper.close();
    runner.close();
    waiters.close();
    dispatcher.close();
    callbacks.shutdown();
    try {
      callbacks.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
