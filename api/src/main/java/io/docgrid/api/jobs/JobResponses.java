package io.docgrid.api.jobs;

import io.docgrid.sql.model.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the jobs resource. */
public final class JobResponses {

  private JobResponses() {}

  public record Links(String self, String result) {
    static Links of(Job job) {
      String self = JobRoutes.JOBS_PATH + "/" + job.id();
      return new Links(self, self + "/result");
    }
  }

  /** What {@code POST /api/v1/jobs} answers. */
  public record Accepted(String id, String status, Links links) {
    static Accepted of(Job job) {
      return new Accepted(job.id().toString(), job.status().wireName(), Links.of(job));
    }
  }

  public record DocumentInfo(
      String sha256, String fileName, String mediaType, long sizeBytes, Integer pageCount) {}

  public record JobError(String code, String message) {}

  /** What {@code GET /api/v1/jobs/{id}} answers. */
  public record JobView(
      String id,
      String status,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      DocumentInfo document,
      JobError error,
      int attempts,
      String requestId,
      Links links) {
    static JobView of(Job job) {
      return new JobView(
          job.id().toString(),
          job.status().wireName(),
          job.createdAt(),
          job.startedAt(),
          job.finishedAt(),
          new DocumentInfo(
              job.documentSha256(),
              job.fileName(),
              job.mediaType(),
              job.sizeBytes(),
              job.pageCount()),
          job.errorCode() == null ? null : new JobError(job.errorCode(), job.errorMessage()),
          job.attempts(),
          job.requestId(),
          Links.of(job));
    }
  }

  public record JobPage(List<JobView> items, String nextCursor) {}

  public record ResultDocument(
      String sha256, String mediaType, int pageCount, Map<String, String> metadata) {}

  public record ResultPage(int number, String text, String source) {}

  /** What {@code GET /api/v1/jobs/{id}/result?format=json} answers. */
  public record JobResult(ResultDocument document, List<ResultPage> pages) {}
}
