package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.NewJob;
import io.docgrid.sql.model.PageProgress;
import io.docgrid.tasks.blob.BlobStore;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  public JobService(
      JobRepository jobs,
      BlobStore blobs,
      DocumentTypeDetector detector,
      Ignite ignite,
      Duration jobTimeout,
      int pagesPerJob,
      ApiMetrics metrics,
      ObjectMapper json,
      Clock clock) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.detector = detector;
    this.metrics = metrics;
    this.json = json;
    this.options = new JobOptions(json);
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
    dispatcher.onJobStarted(this::markStarted);
    dispatcher.onPagesDone(this::addPagesDone);
    dispatcher.onComputeNodeJoined(this::dispatchQueued);
    metrics.registerJobStates(this::unfinishedCounts);
  }

  /** Accepts an upload as a new job. The spool file is consumed or deleted, whatever happens. */
  Job submit(ReceivedUpload upload, String requestId) {
    JobOptions.Parsed parsedOptions;
    String mediaType;
    try {
      parsedOptions = options.parse(upload.options());
      mediaType = detectSupportedType(upload);
      blobs.putDocument(upload.sha256(), upload.file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(upload.file());
    }
    Job job =
        jobs.insertQueued(
            new NewJob(
                UUID.randomUUID(),
                upload.sha256(),
                upload.fileName(),
                mediaType,
                upload.sizeBytes(),
                parsedOptions.canonical(),
                requestId,
                clock.instant()));
    metrics.jobSubmitted();
    log.info("job {} queued: {} ({} bytes)", job.id(), mediaType, upload.sizeBytes());
    dispatch(job, parsedOptions.options());
    return job;
  }

  Optional<Job> find(UUID id) {
    return jobs.findById(id);
  }

  List<Job> list(int limit, Optional<JobCursor> after) {
    return jobs.listNewestFirst(limit, after);
  }

  JobResult result(UUID id) {
    Job job = find(id).orElseThrow(() -> ApiException.notFound("Job " + id));
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
  InputStream searchablePdf(UUID id, JobResult result) {
    Job job = find(id).orElseThrow(() -> ApiException.notFound("Job " + id));
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

  /** Requeues jobs a previous run left running and dispatches everything queued. */
  public void recoverUnfinished() {
    Instant now = clock.instant();
    int requeued = 0;
    for (Job job : jobs.findUnfinished()) {
      if (job.status() == JobStatus.RUNNING && !dispatcher.isInFlight(job.id())) {
        jobs.requeue(job.id(), now);
        requeued++;
      }
    }
    if (requeued > 0) {
      log.info("requeued {} jobs interrupted by the last shutdown", requeued);
    }
    dispatchQueued();
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

  private void dispatchQueued() {
    for (Job job : jobs.findUnfinished()) {
      if (job.status() == JobStatus.QUEUED) {
        dispatch(job, storedOptions(job));
      }
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

  private void dispatch(Job job, ProcessingOptions processingOptions) {
    PagePlan plan = plan(job, processingOptions);
    boolean sent =
        dispatcher.dispatch(
            job.id(),
            job.documentSha256(),
            job.mediaType(),
            processingOptions,
            plan,
            job.requestId(),
            outcome -> complete(job, outcome));
    if (!sent) {
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

  private void complete(Job job, DispatchOutcome outcome) {
    try (MDC.MDCCloseable jobId = MDC.putCloseable("jobId", job.id().toString());
        MDC.MDCCloseable requestId = MDC.putCloseable("requestId", job.requestId())) {
      Instant now = clock.instant();
      if (outcome instanceof DispatchOutcome.Completed completed) {
        succeed(job, completed.processed(), now);
      } else if (outcome instanceof DispatchOutcome.Rejected rejected) {
        fail(job, ErrorMapper.codeOf(rejected.code()).name(), rejected.message(), now);
      } else if (outcome instanceof DispatchOutcome.TimedOut) {
        fail(
            job,
            ErrorCode.PROCESSING_TIMEOUT.name(),
            "Processing exceeded the limit of " + jobTimeout.toSeconds() + " seconds.",
            now);
      } else if (outcome instanceof DispatchOutcome.NoWorker) {
        jobs.requeue(job.id(), now);
        log.warn("job {} lost its compute node; queued again", job.id());
      } else if (outcome instanceof DispatchOutcome.Interrupted) {
        log.info("job {} interrupted by shutdown; it resumes at the next start", job.id());
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

  private void succeed(Job job, ProcessedDocument processed, Instant now) {
    ExtractedDocument document = processed.document();
    List<PageText> failed = document.pages().stream().filter(PageText::hasFailed).toList();
    if (!failed.isEmpty() && failed.size() == document.pages().size()) {
      // Nothing came through: the document failed, for its first page's reason.
      PageText first = failed.get(0);
      fail(job, ErrorMapper.codeOf(first.error().code()).name(), first.error().message(), now);
      return;
    }
    JobResult result = ResultAssembler.assemble(job, processed, now, json);
    try {
      blobs.putResult(job.id(), json.writeValueAsBytes(result));
    } catch (IOException e) {
      log.error("could not store the result of job {}", job.id(), e);
      fail(job, ErrorCode.INTERNAL_ERROR.name(), "The result could not be stored.", now);
      return;
    }
    int ocrPages =
        (int) document.pages().stream().filter(page -> PageText.OCR.equals(page.source())).count();
    int pageTotal = document.pages().size();
    PageProgress pages =
        new PageProgress(pageTotal, pageTotal - failed.size(), failed.size(), ocrPages);
    if (jobs.markSucceeded(job.id(), document.pageCount(), pages, now)) {
      metrics.jobFinished("succeeded", null, seconds(job.createdAt(), now));
      log.info("job {} succeeded: {} pages", job.id(), document.pageCount());
    }
  }

  private void fail(Job job, String code, String message, Instant now) {
    if (jobs.markFailed(job.id(), code, message, now)) {
      metrics.jobFinished("failed", code, seconds(job.createdAt(), now));
      log.info("job {} failed: {} {}", job.id(), code, message);
    }
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
    dispatcher.close();
    callbacks.shutdown();
    try {
      callbacks.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
