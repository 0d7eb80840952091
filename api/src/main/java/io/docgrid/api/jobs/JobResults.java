package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.engine.JobDispatcher;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.jobs.JobResponses.ResultPage;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.blob.ResultKind;
import io.docgrid.tasks.blob.Sha256;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.output.OcrLayer;
import io.docgrid.tasks.process.SearchablePdfRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a finished job's stored result, and has its searchable PDF made on request. */
public final class JobResults {

  private static final Logger log = LoggerFactory.getLogger(JobResults.class);

  private final BlobStore blobs;
  private final ObjectMapper json;
  private final JobOptions options;
  private final JobDispatcher dispatcher;

  public JobResults(
      BlobStore blobs, ObjectMapper json, JobOptions options, JobDispatcher dispatcher) {
    this.blobs = blobs;
    this.json = json;
    this.options = options;
    this.dispatcher = dispatcher;
  }

  ObjectMapper json() {
    return json;
  }

  /**
   * The job's stored result, opened to be read page by page; a clear error when it failed, has not
   * finished, or its result is gone. The caller closes it.
   */
  public StoredResult open(Job job) {
    requireResult(job);
    try {
      if (job.resultSha256() != null && !matchesRecordedHash(job)) {
        // Other bytes under the job's name: serving them would hand out another result.
        log.warn("job {} has a stored result whose SHA-256 is not the one recorded", job.id());
        throw resultMissing(job, "in the blob store is not the one the job stored");
      }
      Optional<InputStream> stored = blobs.openResult(job.id(), ResultKind.JSON);
      if (stored.isEmpty()) {
        throw missingFromStore(job);
      }
      try {
        return StoredResult.open(stored.get(), json);
      } catch (IOException e) {
        stored.get().close();
        log.warn("job {} has a stored result that is not a result", job.id());
        throw resultMissing(job, "in the blob store cannot be read as a result");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the stored result hashes to what the job recorded. It is read once more for this: a
   * result is checked before its first byte is sent, as nothing can be taken back after.
   */
  private boolean matchesRecordedHash(Job job) throws IOException {
    Optional<InputStream> stored = blobs.openResult(job.id(), ResultKind.JSON);
    if (stored.isEmpty()) {
      throw missingFromStore(job);
    }
    try (InputStream in = stored.get()) {
      return job.resultSha256().equals(Sha256.of(in));
    }
  }

  private static ApiException missingFromStore(Job job) {
    // The database and the blob store disagree, as after restoring one from an older backup than
    // the other: the job is known, its result is not, and no retry brings it back.
    log.warn("job {} succeeded but the blob store has no result for it", job.id());
    return resultMissing(job, "is missing from the blob store");
  }

  private static ApiException resultMissing(Job job, String what) {
    return new ApiException(
        ErrorCode.RESULT_MISSING,
        "The result of job "
            + job.id()
            + " "
            + what
            + ", which was probably restored from another backup than the database. Submit the"
            + " document again.");
  }

  /** A clear error unless the job succeeded and its result was not deleted since. */
  private static void requireResult(Job job) {
    if (job.status() == JobStatus.FAILED || job.status() == JobStatus.CANCELLED) {
      throw new ApiException(
          ErrorCode.JOB_FAILED,
          "Job "
              + job.id()
              + " ended as "
              + job.status().wireName()
              + " and has no result"
              + (job.errorCode() == null ? "." : " (" + job.errorCode() + ")."));
    }
    if (job.status() != JobStatus.SUCCEEDED) {
      throw new ApiException(
          ErrorCode.JOB_NOT_FINISHED,
          "Job "
              + job.id()
              + " is "
              + job.status().wireName()
              + "; poll it until it has succeeded.");
    }
    if (job.purgedAt() != null) {
      throw new ApiException(
          ErrorCode.RESULT_EXPIRED,
          "The result of job "
              + job.id()
              + " was deleted at "
              + job.purgedAt()
              + ", when the "
              + job.tier()
              + " tier's retention ended. Submit the document again.");
    }
  }

  /**
   * The document as a searchable PDF: its pages with the OCRed words laid over them as invisible
   * text. Made once, on a compute node (which parses the document, as this node never does), and
   * kept with the job's results for the next request.
   */
  InputStream searchablePdf(Job job) {
    requireResult(job);
    boolean pdf = job.mediaType().equals("application/pdf");
    if (!pdf && !job.mediaType().startsWith("image/")) {
      throw ApiException.invalidField(
          "format", "pdf is made from PDF and image documents; this one is " + job.mediaType());
    }
    try {
      Optional<InputStream> made = blobs.openResult(job.id(), ResultKind.SEARCHABLE_PDF);
      if (made.isPresent()) {
        return made.get();
      }
      dispatcher.makeSearchablePdf(
          new SearchablePdfRequest(
              job.id(),
              job.documentSha256(),
              job.mediaType(),
              ocrLayers(job),
              options.storedOptionsOf(job).dpi(),
              job.requestId(),
              job.owner()),
          job.owner());
      return blobs
          .openResult(job.id(), ResultKind.SEARCHABLE_PDF)
          .orElseThrow(() -> new IllegalStateException("the searchable PDF was not stored"));
    } catch (DocumentProcessingException e) {
      throw new ApiException(ErrorMapper.codeOf(e.code()), e.getMessage());
    } catch (IllegalStateException e) {
      log.warn("no searchable PDF for job {}", job.id(), e);
      throw new ApiException(
          ErrorCode.SERVICE_UNAVAILABLE,
          "No compute node could make the searchable PDF right now; retry shortly.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The OCR layers of the job's pages. They travel to the compute node in one request, so they are
   * held together: the words and boxes only, without the pages' text.
   */
  private List<OcrLayer> ocrLayers(Job job) throws IOException {
    List<OcrLayer> layers = new ArrayList<>();
    try (StoredResult result = open(job)) {
      result.forEachPage(
          page -> {
            if (page.ocr() != null) {
              layers.add(ocrLayer(page));
            }
          });
    }
    return layers;
  }

  private static OcrLayer ocrLayer(ResultPage page) {
    return new OcrLayer(
        page.number(),
        page.ocr().dpi(),
        page.ocr().rotation(),
        page.ocr().skewDegrees(),
        page.ocr().words().stream()
            .map(
                word ->
                    new OcrLayer.Word(
                        word.text(), word.box()[0], word.box()[1], word.box()[2], word.box()[3]))
            .toList());
  }
}
