package io.docgrid.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.engine.JobDispatcher;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.jobs.JobResponses.JobResult;
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

  /** The job's result; a clear error when it failed, has not finished, or its result is gone. */
  JobResult of(Job job) {
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
    try {
      Optional<byte[]> stored = blobs.readResult(job.id());
      if (stored.isEmpty()) {
        // The database and the blob store disagree, as after restoring one from an older backup
        // than the other: the job is known, its result is not, and no retry brings it back.
        log.warn("job {} succeeded but the blob store has no result for it", job.id());
        throw resultMissing(job, "is missing from the blob store");
      }
      if (job.resultSha256() != null && !job.resultSha256().equals(Sha256.of(stored.get()))) {
        // Other bytes under the job's name: serving them would hand out another result.
        log.warn("job {} has a stored result whose SHA-256 is not the one recorded", job.id());
        throw resultMissing(job, "in the blob store is not the one the job stored");
      }
      return json.readValue(stored.get(), JobResult.class);
    } catch (JsonProcessingException e) {
      log.warn("job {} has a stored result that is not a result", job.id());
      throw resultMissing(job, "in the blob store cannot be read as a result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /**
   * The document as a searchable PDF: its pages with the OCRed words laid over them as invisible
   * text. Made once, on a compute node (which parses the document, as this node never does), and
   * kept with the job's results for the next request.
   */
  InputStream searchablePdf(Job job, JobResult result) {
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
              ocrLayers(result),
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

  private static List<OcrLayer> ocrLayers(JobResult result) {
    return result.pages().stream()
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
  }
}
