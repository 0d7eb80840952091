package io.docgrid.api.batches;

import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.api.jobs.JobResponses.JobView;
import io.docgrid.sql.BatchRepository;
import io.docgrid.sql.model.Batch;
import io.docgrid.sql.model.BatchCounts;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiPropertyType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of the batches resource. */
public final class BatchViews {

  private BatchViews() {}

  @OpenApiName("BatchLinks")
  public record Links(String self) {
    static Links of(String batchId, RequestOrigin origin) {
      return new Links(origin.url(BatchRoutes.BATCHES_PATH + "/" + batchId));
    }
  }

  /**
   * One item of a batch request, in the order sent: the job it became ({@code jobId}), or the
   * problem that kept it from becoming one.
   */
  @OpenApiName("BatchItem")
  public record Item(int index, String jobId, Problem problem) {}

  /** What {@code POST /api/v1/batches} answers (202). */
  public record Created(
      String id,
      List<String> jobIds,
      List<Item> items,
      @OpenApiPropertyType(definedBy = CountsAsSent.class) BatchCounts counts,
      Links links) {}

  /**
   * {@link BatchCounts} as Jackson writes it, for the OpenAPI description: the processor would also
   * list its derived {@code total()} and {@code ended()}, which are not sent.
   */
  @OpenApiName("BatchCounts")
  record CountsAsSent(int queued, int running, int succeeded, int failed, int cancelled) {}

  /**
   * What {@code GET /api/v1/batches/{id}} answers, and the {@code data} of {@code batch.completed}:
   * {@code status} is {@code running} until every job has ended, then {@code completed}; {@code
   * jobs} is a page of its jobs, newest first, continued with {@code ?cursor=nextCursor}.
   */
  public record BatchView(
      String id,
      String status,
      Instant createdAt,
      Instant completedAt,
      @OpenApiPropertyType(definedBy = CountsAsSent.class) BatchCounts counts,
      List<JobView> jobs,
      String nextCursor,
      Links links) {

    /** The batch with a page of up to {@code limit} of its jobs after {@code after}. */
    static BatchView page(
        BatchRepository batches,
        Batch batch,
        int limit,
        Optional<JobCursor> after,
        RequestOrigin origin) {
      List<Job> page = batches.listJobs(batch.id(), limit + 1, after);
      boolean more = page.size() > limit;
      List<Job> shown = more ? page.subList(0, limit) : page;
      String next = more ? JobCursor.after(shown.get(shown.size() - 1)).encode() : null;
      return of(batch, batches.counts(batch.id()), shown, next, origin);
    }

    private static BatchView of(
        Batch batch, BatchCounts counts, List<Job> jobs, String nextCursor, RequestOrigin origin) {
      return new BatchView(
          batch.id().toString(),
          batch.completedAt() == null ? "running" : "completed",
          batch.createdAt(),
          batch.completedAt(),
          counts,
          jobs.stream().map(job -> JobView.of(job, origin)).toList(),
          nextCursor,
          Links.of(batch.id().toString(), origin));
    }
  }
}
