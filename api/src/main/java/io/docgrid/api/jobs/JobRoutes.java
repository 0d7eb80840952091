package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestIds;
import io.docgrid.api.jobs.JobResponses.Accepted;
import io.docgrid.api.jobs.JobResponses.JobPage;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.JobView;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.tasks.blob.BlobStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiContentProperty;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The jobs resource: submit a document, follow its job, fetch its result. */
public final class JobRoutes {

  public static final String JOBS_PATH = "/api/v1/jobs";
  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  private final JobService service;
  private final UploadReceiver uploads;

  public JobRoutes(JobService service, BlobStore blobs, UploadLimits limits) {
    this.service = service;
    this.uploads = new UploadReceiver(blobs, limits);
  }

  @OpenApi(
      path = JOBS_PATH,
      methods = HttpMethod.POST,
      operationId = "createJob",
      summary = "Submit a document for processing",
      tags = "jobs",
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content =
                  @OpenApiContent(
                      mimeType = "multipart/form-data",
                      properties = {
                        @OpenApiContentProperty(name = "file", type = "string", format = "binary"),
                        @OpenApiContentProperty(name = "options", type = "string")
                      })),
      headers = @OpenApiParam(name = RequestIds.HEADER, description = "Optional request id"),
      responses = {
        @OpenApiResponse(status = "202", content = @OpenApiContent(from = Accepted.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "413", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "415", content = @OpenApiContent(from = Problem.class))
      })
  public void create(Context ctx) throws IOException {
    ReceivedUpload upload = uploads.receive(ctx);
    Job job = service.submit(upload, RequestIds.of(ctx));
    ctx.status(HttpStatus.ACCEPTED);
    ctx.header("Location", JOBS_PATH + "/" + job.id());
    ctx.json(Accepted.of(job));
  }

  @OpenApi(
      path = JOBS_PATH + "/{id}",
      methods = HttpMethod.GET,
      operationId = "getJob",
      summary = "The state of one job",
      tags = "jobs",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = JobView.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void get(Context ctx) {
    UUID id = jobId(ctx);
    Job job = service.find(id).orElseThrow(() -> ApiException.notFound("Job " + id));
    ctx.json(JobView.of(job));
  }

  @OpenApi(
      path = JOBS_PATH,
      methods = HttpMethod.GET,
      operationId = "listJobs",
      summary = "Jobs, newest first, a page at a time",
      tags = "jobs",
      queryParams = {
        @OpenApiParam(name = "limit", type = Integer.class, description = "1 to 100, default 20"),
        @OpenApiParam(name = "cursor", description = "nextCursor of the previous page")
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = JobPage.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class))
      })
  public void list(Context ctx) {
    int limit = pageSize(ctx.queryParam("limit"));
    Optional<JobCursor> after = cursor(ctx.queryParam("cursor"));
    List<Job> page = service.list(limit + 1, after);
    boolean more = page.size() > limit;
    List<Job> shown = more ? page.subList(0, limit) : page;
    String next = more ? JobCursor.after(shown.get(shown.size() - 1)).encode() : null;
    ctx.json(new JobPage(shown.stream().map(JobView::of).toList(), next));
  }

  @OpenApi(
      path = JOBS_PATH + "/{id}/result",
      methods = HttpMethod.GET,
      operationId = "getJobResult",
      summary = "The extracted text of a finished job",
      tags = "jobs",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      queryParams =
          @OpenApiParam(
              name = "format",
              description =
                  "json (default), text, markdown, hocr (OCRed pages) or pdf (searchable PDF of"
                      + " PDF and image documents)"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = JobResult.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class))
      })
  public void result(Context ctx) {
    UUID id = jobId(ctx);
    ResultFormat format = ResultFormat.parse(ctx.queryParam("format"));
    JobResult result = service.result(id);
    if (format == ResultFormat.JSON) {
      ctx.json(result.forJson());
      return;
    }
    if (format == ResultFormat.PDF) {
      ctx.contentType(format.contentType());
      ctx.header("Content-Disposition", "inline; filename=\"" + id + ".pdf\"");
      ctx.result(service.searchablePdf(id, result));
      return;
    }
    // A switch expression, so that a new format cannot be added without its rendering.
    String rendered =
        switch (format) {
          case TEXT -> ResultRenderer.text(result);
          case MARKDOWN -> ResultRenderer.markdown(result);
          case HOCR -> ResultRenderer.hocr(result);
          case JSON, PDF -> throw new IllegalStateException(format + " is written above");
        };
    ctx.contentType(format.contentType()).result(rendered);
  }

  private static UUID jobId(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      UUID id = UUID.fromString(raw);
      if (id.toString().equalsIgnoreCase(raw)) {
        return id;
      }
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    throw ApiException.invalidField(
        "id", "must be a UUID such as 3f2b6c1e-8d4a-4e0b-9c57-1a2b3c4d5e6f");
  }

  private static int pageSize(String raw) {
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_PAGE_SIZE;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_PAGE_SIZE) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiException.invalidField("limit", "must be an integer from 1 to " + MAX_PAGE_SIZE);
  }

  private static Optional<JobCursor> cursor(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        JobCursor.decode(raw)
            .orElseThrow(
                () ->
                    ApiException.invalidField(
                        "cursor", "must be a nextCursor from a previous page")));
  }
}
