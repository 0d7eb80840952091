package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.engine.FinishWaiters.Finished;
import io.docgrid.api.engine.JobEngine;
import io.docgrid.api.engine.JobIntake;
import io.docgrid.api.error.ApiException;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.NewJob;
import io.docgrid.tasks.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The front door of the job routes: checks what a caller sends and may see, and hands the work to
 * the {@link JobEngine}. The document is stored before the job's row, and the row before dispatch,
 * so nothing that was acknowledged can be lost.
 */
public final class JobService {

  private final JobRepository jobs;
  private final SubmissionOptions options;
  private final UploadChecks checks;
  private final IdempotencyKeys idempotency;
  private final BlobStore blobs;
  private final JobEngine engine;
  private final JobResults results;
  private final Clock clock;

  public JobService(
      JobRepository jobs,
      SubmissionOptions options,
      UploadChecks checks,
      IdempotencyKeys idempotency,
      BlobStore blobs,
      JobEngine engine,
      JobResults results,
      Clock clock) {
    this.jobs = jobs;
    this.options = options;
    this.checks = checks;
    this.idempotency = idempotency;
    this.blobs = blobs;
    this.engine = engine;
    this.results = results;
    this.clock = clock;
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
    return submit(upload, requestId, caller, idempotencyKey, wait, null);
  }

  /** Accepts an upload as a new job of batch {@code batchId}, as {@link #submit} does. */
  Job submitInBatch(ReceivedUpload upload, String requestId, Principal caller, UUID batchId) {
    return submit(upload, requestId, caller, Optional.empty(), false, batchId).job();
  }

  private Submission submit(
      ReceivedUpload upload,
      String requestId,
      Principal caller,
      Optional<String> idempotencyKey,
      boolean wait,
      UUID batchId) {
    UUID jobId = UUID.randomUUID();
    boolean claimed = false; // an Idempotency-Key claimed for a job not stored yet
    try {
      JobOptions.Parsed parsed = options.parse(upload.options(), caller);
      String mediaType = checks.supportedTypeOf(upload);
      checks.refuseIfQuarantined(upload.sha256());
      if (idempotencyKey.isPresent()) {
        String request =
            IdempotencyKeys.fingerprint(upload.sha256(), parsed.canonical(), upload.fileName());
        Optional<Job> earlier =
            idempotency.claimOrReplay(caller.id(), idempotencyKey.get(), request, jobId);
        if (earlier.isPresent()) {
          return new Submission(earlier.get(), true, null);
        }
        claimed = true;
      }
      engine.admission().admit(caller);
      blobs.putDocument(upload.sha256(), upload.file());
      NewJob newJob =
          new NewJob(
              jobId,
              upload.sha256(),
              upload.fileName(),
              mediaType,
              upload.sizeBytes(),
              parsed.canonical(),
              requestId,
              clock.instant(),
              caller.id(),
              caller.tier().name(),
              batchId,
              upload.sourceUrl());
      JobIntake.Stored stored = engine.intake().store(newJob, parsed.options(), caller);
      claimed = false; // the job exists: the key is for good
      CompletableFuture<Finished> finished = wait ? engine.waiters().register(jobId) : null;
      return new Submission(engine.intake().start(stored), false, finished);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (claimed) {
        idempotency.release(caller.id(), idempotencyKey.orElseThrow());
      }
      upload.discard();
    }
  }

  /** Refuses new work while the queue is full: checked before the upload is read. */
  void ensureCapacity() {
    engine.queueLimit().ensureCapacity();
  }

  /** The job once it has finished, or empty if it is still unfinished after {@code timeout}. */
  CompletableFuture<Optional<Finished>> awaitFinished(UUID id, Duration timeout) {
    return engine.waiters().await(id, timeout);
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

  /** The job's stored result, opened to be read page by page; the caller closes it. */
  StoredResult result(UUID id, Principal caller) {
    return results.open(visible(id, caller));
  }

  /** The stored result of a job that has just finished; the caller closes it. */
  StoredResult result(Finished finished) {
    return results.open(finished.job());
  }

  /** The document as a searchable PDF, made from its stored result. */
  InputStream searchablePdf(UUID id, Principal caller) {
    return results.searchablePdf(visible(id, caller));
  }

  /** The searchable PDF of a job that has just finished. */
  InputStream searchablePdf(Finished finished) {
    return results.searchablePdf(finished.job());
  }

  /** How results are written as JSON. */
  ObjectMapper json() {
    return results.json();
  }

  /** Cancels an unfinished job, or deletes a finished one's document and result. */
  Job cancelOrPurge(UUID id, Principal caller) {
    return engine.control().cancelOrPurge(visible(id, caller), caller.id());
  }

  /** Queues a failed or cancelled job again, as an administrator asked. */
  Job retry(UUID id, Principal caller) {
    return engine.control().retry(visible(id, caller), caller.id());
  }

  /** The job if the caller may see it; not found otherwise, as for a job that does not exist. */
  private Job visible(UUID id, Principal caller) {
    return find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
  }
}
