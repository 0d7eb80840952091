package io.docgrid.api.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.output.OcrLayer;
import io.docgrid.tasks.output.SearchablePdf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a finished job's stored result, and makes the searchable PDF from it on request. */
final class JobResults {

  private static final Logger log = LoggerFactory.getLogger(JobResults.class);

  private final BlobStore blobs;
  private final ObjectMapper json;
  private final JobOptions options;
  private final SearchablePdf searchablePdf = new SearchablePdf();

  JobResults(BlobStore blobs, ObjectMapper json, JobOptions options) {
    this.blobs = blobs;
    this.json = json;
    this.options = options;
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
      byte[] stored =
          blobs
              .readResult(job.id())
              .orElseThrow(() -> new IllegalStateException("result missing for job " + job.id()));
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
  InputStream searchablePdf(Job job, JobResult result) {
    boolean pdf = job.mediaType().equals("application/pdf");
    if (!pdf && !job.mediaType().startsWith("image/")) {
      throw ApiException.invalidField(
          "format", "pdf is made from PDF and image documents; this one is " + job.mediaType());
    }
    List<OcrLayer> layers = ocrLayers(result);
    Path spool = null;
    try (BlobStore.DocumentFile document = blobs.openDocument(job.documentSha256())) {
      spool = blobs.createTemporaryFile();
      try (OutputStream out = Files.newOutputStream(spool)) {
        if (pdf) {
          searchablePdf.fromPdf(document.path(), null, layers, out);
        } else {
          searchablePdf.fromImage(document.path(), layers, options.storedOptionsOf(job).dpi(), out);
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
}
