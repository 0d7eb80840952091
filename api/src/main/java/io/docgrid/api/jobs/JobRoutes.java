package io.docgrid.api.jobs;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.engine.FinishWaiters;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestIds;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.api.http.RequestOrigins;
import io.docgrid.api.jobs.JobResponses.Accepted;
import io.docgrid.api.jobs.JobResponses.FinishedSubmission;
import io.docgrid.api.jobs.JobResponses.JobPage;
import io.docgrid.api.jobs.JobResponses.JobResult;
import io.docgrid.api.jobs.JobResponses.JobView;
import io.docgrid.api.validation.PathId;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.JobStatus;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The jobs resource: submit a document, follow its job, fetch its result. */
public final class JobRoutes {

  public static final String JOBS_PATH = "/api/v1/jobs";

  /** The longest {@code Prefer: wait} honoured: a proxy in front must wait longer for answers. */
  public static final Duration LONGEST_WAIT = WaitPreference.MAX;

  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  static final String CACHE_HEADER = "X-Cache";
  static final int MAX_PAGE_SIZE = 100;

  // Examples for the description, as JSON text (annotation values must be constants).
  private static final String EXAMPLE_JOB =
      "http://localhost:8080/api/v1/jobs/9f1b7c1e-2d4a-4b8e-9c3f-5a6d7e8f9a0b";
  private static final String CREATE_EXAMPLE =
      "{\"url\":\"https://example.com/invoice.pdf\",\"fileName\":\"invoice.pdf\","
          + "\"options\":{\"ocr\":\"auto\",\"languages\":[\"eng\"]}}";
  private static final String ACCEPTED_EXAMPLE =
      "{\"id\":\"9f1b7c1e-2d4a-4b8e-9c3f-5a6d7e8f9a0b\",\"status\":\"queued\",\"cacheHit\":false,"
          + "\"links\":{\"self\":\""
          + EXAMPLE_JOB
          + "\",\"result\":\""
          + EXAMPLE_JOB
          + "/result\"}}";
  private static final String JOB_EXAMPLE =
      "{\"id\":\"9f1b7c1e-2d4a-4b8e-9c3f-5a6d7e8f9a0b\",\"status\":\"succeeded\","
          + "\"createdAt\":\"2026-12-01T09:30:00Z\",\"startedAt\":\"2026-12-01T09:30:01Z\","
          + "\"finishedAt\":\"2026-12-01T09:30:04Z\",\"purgedAt\":null,"
          + "\"document\":{\"sha256\":\"0e1381929a0833057ef0095e42f0d34f9a456821b8e9053489b596b1b417b3c9\","
          + "\"fileName\":\"invoice.pdf\",\"mediaType\":\"application/pdf\",\"sizeBytes\":48213,"
          + "\"pageCount\":2},\"error\":null,\"pages\":{\"total\":2,\"done\":2,\"failed\":0,\"ocr\":0},"
          + "\"attempts\":1,\"requestId\":\"6f1c2a4e9b7d4c3a\",\"cacheHit\":false,"
          + "\"links\":{\"self\":\""
          + EXAMPLE_JOB
          + "\",\"result\":\""
          + EXAMPLE_JOB
          + "/result\"}}";

  private final JobService service;
  private final SubmissionReader submissions;
  private final DryRuns dryRuns;
  private final RequestValidator validator;

  public JobRoutes(
      JobService service,
      SubmissionReader submissions,
      DryRuns dryRuns,
      RequestValidator validator) {
    this.service = service;
    this.submissions = submissions;
    this.dryRuns = dryRuns;
    this.validator = validator;
  }

  @OpenApi(
      path = JOBS_PATH,
      methods = HttpMethod.POST,
      operationId = "createJob",
      summary =
          "Submit a document for processing: a multipart upload, a finished resumable upload"
              + " ({\"upload\": ...}) or bytes you stored before ({\"sha256\": ...})",
      tags = "jobs",
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = {
                @OpenApiContent(
                    mimeType = "multipart/form-data",
                    properties = {
                      @OpenApiContentProperty(name = "file", type = "string", format = "binary"),
                      @OpenApiContentProperty(name = "options", type = "string")
                    }),
                @OpenApiContent(from = CreateJobRequest.class, example = CREATE_EXAMPLE)
              }),
      headers = {
        @OpenApiParam(name = RequestIds.HEADER, description = "Optional request id"),
        @OpenApiParam(
            name = IDEMPOTENCY_HEADER,
            description =
                "Up to 255 visible ASCII characters, kept 24 h: the same key with the same request"
                    + " returns the same job (Idempotent-Replayed: true); with another request, 409"),
        @OpenApiParam(
            name = "Prefer",
            description =
                "wait=N (seconds, at most 60): answer 200 with the finished job if it finishes"
                    + " within N seconds, else 202 as usual; the job is never cancelled. With"
                    + " return=representation too (alone, it implies wait=60): answer 200 with the"
                    + " result itself, in the format of ?format= or Accept, when the job succeeds"
                    + " in time (Content-Location names the result); a failed job answers 200 with"
                    + " the job"),
        @OpenApiParam(
            name = "Accept",
            description =
                "With Prefer: return=representation, the result's format when ?format= is absent:"
                    + " application/json, text/plain, text/markdown, application/xhtml+xml (hOCR)"
                    + " or application/pdf")
      },
      queryParams = {
        @OpenApiParam(
            name = "format",
            description =
                "With Prefer: return=representation, the result's format: json, text, markdown,"
                    + " hocr or pdf"),
        @OpenApiParam(
            name = "dryRun",
            type = Boolean.class,
            description =
                "true: make no job; answer 200 with the detected type, page count, pages that would"
                    + " be OCRed, estimated processing time and queue wait, and the quota it would"
                    + " take (DryRunResponse). Nothing is stored or charged.")
      },
      // X-Cache: HIT when the job answered reused an identical job's result, else MISS.
      responses = {
        @OpenApiResponse(
            status = "200",
            content = {
              @OpenApiContent(from = FinishedSubmission.class),
              @OpenApiContent(mimeType = "text/plain", type = "string"),
              @OpenApiContent(mimeType = "text/markdown", type = "string"),
              @OpenApiContent(mimeType = "application/xhtml+xml", type = "string"),
              @OpenApiContent(mimeType = "application/pdf", type = "string", format = "binary")
            }),
        @OpenApiResponse(
            status = "202",
            content = @OpenApiContent(from = Accepted.class, example = ACCEPTED_EXAMPLE)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "413", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "410", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "415", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "422", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "429", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "502", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "503", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "504", content = @OpenApiContent(from = Problem.class))
      })
  public void create(Context ctx) throws IOException {
    Principal caller = Authenticator.require(ctx);
    if ("true".equals(ctx.queryParam("dryRun"))) {
      // Nothing queued: a full queue refuses jobs, not questions about them.
      ctx.json(
          dryRuns.run(
              submissions.receive(ctx, submissions.sourceOf(ctx), caller),
              caller,
              RequestIds.of(ctx)));
      return;
    }
    service.ensureCapacity();
    Optional<WaitPreference> wait = WaitPreference.parse(ctx.header("Prefer"));
    // Read before the upload, so that a bad format costs no transfer.
    ResultFormat format =
        wait.filter(WaitPreference::representation).isPresent() ? format(ctx) : null;
    ReceivedUpload upload = submissions.receive(ctx, submissions.sourceOf(ctx), caller);
    Submission submission =
        service.submit(upload, RequestIds.of(ctx), caller, idempotencyKey(ctx), wait.isPresent());
    Job job = submission.job();
    RequestOrigin origin = RequestOrigins.of(ctx);
    ctx.header("Location", origin.url(JOBS_PATH + "/" + job.id()));
    if (submission.replayed()) {
      ctx.header("Idempotent-Replayed", "true");
    }
    if (wait.isEmpty()) {
      ctx.header(CACHE_HEADER, cacheStatus(job));
      ctx.status(HttpStatus.ACCEPTED).json(Accepted.of(job, origin));
      return;
    }
    ctx.future(
        () ->
            submission
                .awaitFinished(service, wait.get().duration())
                .thenAccept(
                    finished -> {
                      ctx.header("Preference-Applied", wait.get().applied());
                      if (finished.isEmpty()) {
                        ctx.header(CACHE_HEADER, cacheStatus(job));
                        ctx.status(HttpStatus.ACCEPTED).json(Accepted.of(job, origin));
                        return;
                      }
                      FinishWaiters.Finished done = finished.get();
                      ctx.header(CACHE_HEADER, cacheStatus(done.job()));
                      if (format != null && done.job().status() == JobStatus.SUCCEEDED) {
                        ctx.header(
                            "Content-Location",
                            origin.url(
                                JOBS_PATH
                                    + "/"
                                    + job.id()
                                    + "/result?format="
                                    + format.wireName()));
                        ResultResponse.write(
                            ctx,
                            job.id(),
                            format,
                            service.json(),
                            () -> service.result(done),
                            () -> service.searchablePdf(done));
                      } else {
                        // Failed or cancelled: there is no result, the job says why.
                        ctx.status(HttpStatus.OK).json(JobView.of(done.job(), origin));
                      }
                    }));
  }

  @OpenApi(
      path = JOBS_PATH + "/{id}",
      methods = HttpMethod.GET,
      operationId = "getJob",
      summary = "The state of one job",
      tags = "jobs",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      headers =
          @OpenApiParam(
              name = "Prefer",
              description =
                  "wait=N (seconds, at most 60): long poll; answer as soon as the job finishes,"
                      + " or with its state after N seconds"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = JobView.class, example = JOB_EXAMPLE)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void get(Context ctx) {
    UUID id = jobId(ctx);
    Principal caller = Authenticator.require(ctx);
    Job job = service.find(id, caller).orElseThrow(() -> ApiException.notFound("Job " + id));
    Optional<WaitPreference> wait = WaitPreference.parse(ctx.header("Prefer"));
    RequestOrigin origin = RequestOrigins.of(ctx);
    if (wait.isEmpty() || job.status().isFinished()) {
      ctx.json(JobView.of(job, origin));
      return;
    }
    ctx.header("Preference-Applied", wait.get().forJob().applied());
    ctx.future(
        () ->
            service
                .awaitFinished(id, wait.get().duration())
                .thenAccept(
                    finished ->
                        ctx.json(
                            JobView.of(
                                finished
                                    .map(FinishWaiters.Finished::job)
                                    .or(() -> service.find(id, caller))
                                    .orElseThrow(() -> ApiException.notFound("Job " + id)),
                                origin))));
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
    ListJobsQuery query =
        validator.valid(new ListJobsQuery(ctx.queryParam("limit"), ctx.queryParam("cursor")));
    int limit = query.pageSize();
    List<Job> page = service.list(limit + 1, query.after(), Authenticator.require(ctx));
    boolean more = page.size() > limit;
    List<Job> shown = more ? page.subList(0, limit) : page;
    String next = more ? JobCursor.after(shown.get(shown.size() - 1)).encode() : null;
    RequestOrigin origin = RequestOrigins.of(ctx);
    ctx.json(new JobPage(shown.stream().map(job -> JobView.of(job, origin)).toList(), next));
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
                      + " PDF and image documents); without it, the Accept header's"),
      headers =
          @OpenApiParam(
              name = "Accept",
              description =
                  "The format when ?format= is absent: application/json, text/plain,"
                      + " text/markdown, application/xhtml+xml (hOCR) or application/pdf"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = {
              @OpenApiContent(from = JobResult.class),
              @OpenApiContent(mimeType = "text/plain", type = "string"),
              @OpenApiContent(mimeType = "text/markdown", type = "string"),
              @OpenApiContent(mimeType = "application/xhtml+xml", type = "string"),
              @OpenApiContent(mimeType = "application/pdf", type = "string", format = "binary")
            }),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(
            status = "410",
            description =
                "RESULT_EXPIRED: deleted when the tier's retention ended or on request;"
                    + " RESULT_MISSING: the blob store lost it or holds other bytes (a restore)",
            content = @OpenApiContent(from = Problem.class))
      })
  public void result(Context ctx) {
    UUID id = jobId(ctx);
    ResultFormat format = format(ctx);
    Principal caller = Authenticator.require(ctx);
    ResultResponse.write(
        ctx,
        id,
        format,
        service.json(),
        () -> service.result(id, caller),
        () -> service.searchablePdf(id, caller));
  }

  /** The format asked for: {@code ?format=} if given, else the {@code Accept} header's. */
  private ResultFormat format(Context ctx) {
    String query = ctx.queryParam("format");
    if (query != null && !query.isEmpty()) {
      return validator.valid(new ResultQuery(query)).resultFormat();
    }
    return ResultFormat.fromAccept(ctx.header("Accept"));
  }

  @OpenApi(
      path = JOBS_PATH + "/{id}",
      methods = HttpMethod.DELETE,
      operationId = "cancelJob",
      summary =
          "Cancel a queued or running job (it stops within the page it is on), or delete a"
              + " finished job's stored document and result",
      tags = "jobs",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = JobView.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void cancel(Context ctx) {
    UUID id = jobId(ctx);
    Job job = service.cancelOrPurge(id, Authenticator.require(ctx));
    ctx.json(JobView.of(job, RequestOrigins.of(ctx)));
  }

  @OpenApi(
      path = JOBS_PATH + "/{id}/retry",
      methods = HttpMethod.POST,
      operationId = "retryJob",
      summary = "Queue a failed or cancelled job again, keeping its id (admin)",
      tags = "jobs",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "202", content = @OpenApiContent(from = JobView.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class))
      })
  public void retry(Context ctx) {
    UUID id = jobId(ctx);
    Job job = service.retry(id, Authenticator.require(ctx));
    ctx.status(202).json(JobView.of(job, RequestOrigins.of(ctx)));
  }

  /** HIT when the job answered reused a result (from the cache or an identical job), else MISS. */
  private static String cacheStatus(Job job) {
    return job.cacheHit() ? "HIT" : "MISS";
  }

  private Optional<String> idempotencyKey(Context ctx) {
    String key = ctx.header(IDEMPOTENCY_HEADER);
    return key == null
        ? Optional.empty()
        : Optional.of(validator.valid(new IdempotencyKeyHeader(key)).idempotencyKey());
  }

  private UUID jobId(Context ctx) {
    return validator.valid(new PathId(ctx.pathParam("id"))).uuid();
  }
}
