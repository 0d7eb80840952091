package io.docgrid.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.PageProgress;
import io.javalin.openapi.OneOf;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the jobs resource. */
public final class JobResponses {

  private JobResponses() {}

  /** Absolute URLs of the job and its result, on the host and scheme the caller called. */
  @OpenApiName("JobLinks")
  public record Links(String self, String result) {
    static Links of(Job job, RequestOrigin origin) {
      String self = origin.url(JobRoutes.JOBS_PATH + "/" + job.id());
      return new Links(self, self + "/result");
    }
  }

  /**
   * What {@code POST /api/v1/jobs} answers. A cache hit is {@code succeeded} already, with {@code
   * cacheHit} true.
   */
  public record Accepted(String id, String status, boolean cacheHit, Links links) {
    static Accepted of(Job job, RequestOrigin origin) {
      return new Accepted(
          job.id().toString(), job.status().wireName(), job.cacheHit(), Links.of(job, origin));
    }
  }

  /**
   * The job's document. {@code sourceUrl}, only for a document fetched from a URL, is that URL
   * without its query and fragment.
   */
  public record DocumentInfo(
      String sha256,
      String fileName,
      String mediaType,
      long sizeBytes,
      Integer pageCount,
      @JsonInclude(JsonInclude.Include.NON_NULL) String sourceUrl) {}

  public record JobError(String code, String message) {}

  /**
   * What {@code GET /api/v1/jobs/{id}} answers. {@code purgedAt} is set once the job's document and
   * result were deleted at the end of its tier's retention. {@code cacheHit} is true when its
   * result was reused from an identical job, cached or in flight, instead of computed.
   */
  public record JobView(
      String id,
      String status,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      Instant purgedAt,
      DocumentInfo document,
      JobError error,
      PageProgress pages,
      int attempts,
      String requestId,
      boolean cacheHit,
      Links links)
      implements FinishedSubmission {
    /** The job as {@code GET} answers it, with links on {@code origin}'s base URL. */
    public static JobView of(Job job, RequestOrigin origin) {
      return new JobView(
          job.id().toString(),
          job.status().wireName(),
          job.createdAt(),
          job.startedAt(),
          job.finishedAt(),
          job.purgedAt(),
          new DocumentInfo(
              job.documentSha256(),
              job.fileName(),
              job.mediaType(),
              job.sizeBytes(),
              job.pageCount(),
              job.sourceUrl()),
          job.errorCode() == null ? null : new JobError(job.errorCode(), job.errorMessage()),
          job.pages(),
          job.attempts(),
          job.requestId(),
          job.cacheHit(),
          Links.of(job, origin));
    }
  }

  public record JobPage(List<JobView> items, String nextCursor) {}

  /**
   * What a submission answers with 200: when it waited for its job, the finished job, or, with
   * {@code Prefer: return=representation}, its result; with {@code ?dryRun=true}, what the job
   * would be.
   */
  @OneOf({JobView.class, JobResult.class, DryRunResponse.class})
  public sealed interface FinishedSubmission permits JobView, JobResult, DryRunResponse {}

  public record ResultDocument(
      String sha256, String mediaType, int pageCount, Map<String, String> metadata) {}

  /**
   * One page: its text, where the text came from, how OCR saw it, and what each stage cost; {@code
   * markdown} (stored, not sent as JSON) keeps the source's structure for the Markdown rendering.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResultPage(
      int number,
      String text,
      String source,
      ResultOcr ocr,
      Map<String, Long> timingsMillis,
      JobError error,
      String markdown) {
    /** Without the renderings kept for other formats (hOCR, Markdown). */
    public ResultPage forJson() {
      return new ResultPage(
          number, text, source, ocr == null ? null : ocr.withoutHocr(), timingsMillis, error, null);
    }
  }

  /** A page that failed in a document that otherwise succeeded. */
  public record FailedPage(int number, String code) {}

  /** OCR provenance of a page; {@code hocr} is kept for the hOCR rendering only. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResultOcr(
      float confidence,
      float meanConfidence,
      double skewDegrees,
      int rotation,
      int dpi,
      List<ResultWord> words,
      String hocr) {
    ResultOcr withoutHocr() {
      return new ResultOcr(confidence, meanConfidence, skewDegrees, rotation, dpi, words, null);
    }
  }

  /** A recognised word; {@code box} is [left, top, width, height] in pixels at the page's dpi. */
  public record ResultWord(String text, int[] box, float confidence) {}

  /** How the result was made: enough to reproduce it, or to know it cannot be. */
  public record Manifest(
      String inputSha256,
      JsonNode options,
      String pipelineVersion,
      Map<String, String> versions,
      List<String> nodeIds,
      Map<String, Long> timingsMillis) {}

  /** What {@code GET /api/v1/jobs/{id}/result?format=json} answers. */
  public record JobResult(
      String schemaVersion,
      ResultDocument document,
      boolean partial,
      List<FailedPage> failedPages,
      List<ResultPage> pages,
      Manifest manifest)
      implements FinishedSubmission {

    /** The version of this JSON shape; see docs/result-schema.md. */
    public static final String SCHEMA_VERSION = "1.3";

    JobResult forJson() {
      return new JobResult(
          schemaVersion,
          document,
          partial,
          failedPages,
          pages.stream().map(ResultPage::forJson).toList(),
          manifest);
    }
  }
}
