package io.docgrid.api.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.cache.CachedDocuments;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.cache.ReusableDocument;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.error.ErrorReporter;
import io.docgrid.api.jobs.JobRoutes;
import io.docgrid.api.jobs.PageSource;
import io.docgrid.api.jobs.StoredResult;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.usage.UsageRecorder;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.model.FirstLook;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.JobSuccess;
import io.docgrid.sql.model.PageProgress;
import io.docgrid.sql.model.QuarantinedDocument;
import io.docgrid.sql.model.UsageRecord;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.blob.ResultKind;
import io.docgrid.tasks.blob.Sha256;
import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.process.ProcessDocumentTask;
import io.docgrid.tasks.process.StoredDocument;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how jobs ended: the job's row, its stored result, the result cache, metrics, the usage
 * log, and whoever waits for it. Each ending is recorded at most once, however many nodes try.
 */
public final class JobOutcomes {

  private static final Logger log = LoggerFactory.getLogger(JobOutcomes.class);

  /** Where a result came from, which decides whether the cache may keep it. */
  enum Origin {
    COMPUTED,
    /** Computed with a PDF password: never shared through the cache. */
    COMPUTED_PRIVATE,
    REUSED
  }

  /**
   * How a computed job's run went on the grid, for its row and its timings.
   *
   * @param leaseHolder this node: the job's lease must still be its own for the result to count
   * @param nodeId the compute node that started it
   * @param startedAt when that node started it
   * @param dispatchedAt when this node sent it to the grid
   * @param returnedAt when the grid brought it back
   */
  record Run(
      String leaseHolder,
      String nodeId,
      Instant startedAt,
      Instant dispatchedAt,
      Instant returnedAt) {}

  private final JobRepository jobs;
  private final BlobStore blobs;
  private final ObjectMapper json;
  private final ResultReuse reuse;
  private final QuarantineRepository quarantine;
  private final UsageRecorder usage;
  private final ApiMetrics metrics;
  private final FinishWaiters waiters;
  private final Admission admission;
  private final RangeParts parts;
  private final JobEndListener endings;
  private final ErrorReporter errors;

  /**
   * @param parts where the ranges of computed jobs put their pages
   */
  public JobOutcomes(
      JobRepository jobs,
      BlobStore blobs,
      RangeParts parts,
      ObjectMapper json,
      ResultReuse reuse,
      QuarantineRepository quarantine,
      UsageRecorder usage,
      ApiMetrics metrics,
      FinishWaiters waiters,
      Admission admission,
      JobEndListener endings,
      ErrorReporter errors) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.json = json;
    this.reuse = reuse;
    this.quarantine = quarantine;
    this.usage = usage;
    this.metrics = metrics;
    this.waiters = waiters;
    this.admission = admission;
    this.parts = parts;
    this.endings = endings;
    this.errors = errors;
  }

  /**
   * Records the result the grid computed for the job, from the parts its ranges stored, which are
   * deleted once the result is stored, or once the job failed; see {@link #succeed}.
   */
  Optional<Job> succeedComputed(
      Job job, StoredDocument document, Instant now, Origin origin, Run run) {
    return succeed(job, document, parts.pages(job.id(), document.parts()), now, origin, run);
  }

  /** Records a result reused from an identical job's document; see {@link #succeed}. */
  Optional<Job> succeedReused(Job job, ReusableDocument reused, Instant now) {
    return succeed(job, reused.document(), reused.pages(), now, Origin.REUSED, null);
  }

  /** The document a job that has just succeeded computed, its pages read from its stored result. */
  ReusableDocument reusable(Job job, StoredDocument document) {
    return new ReusableDocument(
        document,
        visitor -> {
          try (InputStream in =
                  blobs
                      .openResult(job.id(), ResultKind.JSON)
                      .orElseThrow(() -> new IOException("job " + job.id() + " has no result"));
              StoredResult stored = StoredResult.open(in, json)) {
            stored.forEachPage(visitor);
          }
        });
  }

  /**
   * Records the job's result and returns the finished job; empty when it failed after all (no page
   * came through, or its pages exceed what its quota has left, or its result could not be written),
   * had ended meanwhile, or is no longer this node's to finish. The result is written page by page
   * into a file that becomes the job's result in one step, so no half result is ever visible.
   *
   * @param run how the grid ran it; null for a result reused from an identical job
   */
  private Optional<Job> succeed(
      Job job, StoredDocument document, PageSource pages, Instant now, Origin origin, Run run) {
    if (document.failedWhole()) {
      // Nothing came through: the document failed, for its first page's reason.
      StoredDocument.FailedPage first = document.failedPages().get(0);
      fail(job, ErrorMapper.codeOf(first.code()).name(), first.message(), now);
      return Optional.empty();
    }
    if (!job.isCounted()) {
      Optional<String> refused = admission.chargeCounted(job, document.pages());
      if (refused.isPresent()) {
        fail(job, ErrorCode.QUOTA_EXCEEDED.name(), refused.get(), now);
        return Optional.empty();
      }
    }
    JobTimings timings = timings(job, document, run, now);
    // Only complete results are kept: a failed page may well succeed another time.
    Optional<CachedDocuments.Entry> cacheEntry =
        origin == Origin.COMPUTED && document.failedPages().isEmpty()
            ? reuse.newEntry(document)
            : Optional.empty();
    String resultSha256;
    try {
      resultSha256 = storeResult(job, document, pages, timings, cacheEntry.orElse(null));
    } catch (IOException | RuntimeException e) {
      log.error("could not store the result of job {}", job.id(), e);
      fail(job, ErrorCode.INTERNAL_ERROR.name(), "The result could not be stored.", now);
      return Optional.empty();
    }
    if (origin != Origin.REUSED) {
      parts.delete(job.id()); // before the job is seen to succeed: its result is whole now
    }
    int failed = document.failedPages().size();
    int pageTotal = document.pages();
    PageProgress progress =
        new PageProgress(pageTotal, pageTotal - failed, failed, document.ocrPages());
    DocumentFacts facts = document.facts();
    FirstLook look =
        new FirstLook(facts.mediaType(), facts.pageCount(), pageTotal, facts.encrypted());
    Optional<Job> finished =
        jobs.succeed(
            job.id(),
            run == null
                ? new JobSuccess(look, progress, false, null, null, null, resultSha256)
                : new JobSuccess(
                    look,
                    progress,
                    true,
                    run.nodeId(),
                    run.startedAt(),
                    run.leaseHolder(),
                    resultSha256),
            now);
    if (finished.isEmpty()) {
      // Cancelled meanwhile: keep nothing of it. Finished another way (from the cache while a
      // dispatch raced it), or taken over by another node: the result written is as good as the
      // one there is or will be.
      if (jobs.findById(job.id()).map(row -> row.status() == JobStatus.CANCELLED).orElse(true)) {
        deleteResultQuietly(job.id());
      }
      return Optional.empty();
    }
    cacheEntry.ifPresent(entry -> reuse.remember(job, entry));
    metrics.jobFinished("succeeded", null, seconds(job.createdAt(), now));
    metrics.jobStages(timings.millis());
    recordUsage(job, 200, progress.done(), document.ocrPages(), now);
    waiters.finished(finished.get());
    endings.jobEnded(finished.get());
    try (JobLogContext logContext = JobLogContext.of(job)) {
      log.atInfo()
          .addKeyValue("event", "job.succeeded")
          .log("job {} succeeded: {} pages", job.id(), document.pageCount());
    }
    return finished;
  }

  /**
   * Writes the result into a spool file, then moves it into the store as the job's result; returns
   * the result's SHA-256.
   */
  private String storeResult(
      Job job,
      StoredDocument document,
      PageSource pages,
      JobTimings timings,
      CachedDocuments.Entry cacheEntry)
      throws IOException {
    Path file = blobs.createTemporaryFile();
    try {
      // Hashed as it is written, and recorded with the job: a restored store is checked by it.
      MessageDigest digest = Sha256.digest();
      try (OutputStream out =
          new BufferedOutputStream(
              new DigestOutputStream(Files.newOutputStream(file), digest), 64 * 1024)) {
        ResultAssembler.write(out, job, document, pages, timings, cacheEntry, json);
      }
      String sha256 = Sha256.hex(digest);
      blobs.putResult(job.id(), ResultKind.JSON, file);
      return sha256;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  void fail(Job job, String code, String message, Instant now) {
    parts.delete(job.id()); // a failed job leaves nothing of its result behind
    if (jobs.markFailed(job.id(), code, message, now)) {
      metrics.jobFinished("failed", code, seconds(job.createdAt(), now));
      recordUsage(job, ErrorCode.valueOf(code).status(), 0, 0, now);
      waiters.finished(job.id());
      jobs.findById(job.id()).ifPresent(endings::jobEnded);
      try (JobLogContext logContext = JobLogContext.of(job)) {
        log.atInfo()
            .addKeyValue("event", "job.failed")
            .log("job {} failed: {} {}", job.id(), code, message);
      }
      if (code.equals(ErrorCode.INTERNAL_ERROR.name())) {
        errors.jobFailed(new ErrorReporter.FailedJob(job.id(), job.requestId(), job.owner(), code));
      }
    }
  }

  /** Quarantines the job's document, which took down as many workers as the grid allows. */
  void quarantine(Job job, String reason, Instant now) {
    int attempts = ProcessDocumentTask.MAX_LOST_WORKERS;
    if (quarantine.add(
        new QuarantinedDocument(job.documentSha256(), job.id(), reason, attempts, now))) {
      metrics.documentQuarantined();
      log.warn("document {} quarantined: {}", job.documentSha256(), reason);
    }
  }

  /** Records that {@code job}, as it was before, has just been marked cancelled. */
  void cancelled(Job job, Instant now) {
    parts.delete(job.id());
    metrics.jobFinished("cancelled", null, seconds(job.createdAt(), now));
    // 499 ("client closed request"): the client ended the job; it is billed what it used.
    recordUsage(job, 499, job.pages().done(), job.pages().ocr(), now);
    waiters.finished(job.id());
    jobs.findById(job.id()).ifPresent(endings::jobEnded);
  }

  /**
   * Where the job's time went, in milliseconds: waiting in the queue, on its way to and back from
   * the compute node, processing there, and recording its result here; and in all.
   */
  private static JobTimings timings(Job job, StoredDocument document, Run run, Instant now) {
    if (run == null) {
      return JobTimings.reused(document.elapsedMillis(), job.createdAt(), now);
    }
    return JobTimings.computed(
        job.createdAt(), run.dispatchedAt(), document.elapsedMillis(), run.returnedAt(), now);
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

  private void deleteResultQuietly(UUID id) {
    try {
      blobs.deleteResult(id);
    } catch (IOException e) {
      log.warn("could not delete the result of job {}", id);
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}
