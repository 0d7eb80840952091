package io.docgrid.api.batches;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestIds;
import io.docgrid.api.http.RequestOrigin;
import io.docgrid.api.http.RequestOrigins;
import io.docgrid.api.jobs.BatchRequest;
import io.docgrid.api.jobs.BatchSubmissions;
import io.docgrid.api.jobs.ListJobsQuery;
import io.docgrid.api.validation.PathId;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.model.Batch;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiContentProperty;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The batches resource: many documents as one request, followed and cancelled as one. */
public final class BatchRoutes {

  public static final String BATCHES_PATH = "/api/v1/batches";

  private final BatchSubmissions submissions;
  private final Batches batches;
  private final RequestValidator validator;

  public BatchRoutes(BatchSubmissions submissions, Batches batches, RequestValidator validator) {
    this.submissions = submissions;
    this.batches = batches;
    this.validator = validator;
  }

  @OpenApi(
      path = BATCHES_PATH,
      methods = HttpMethod.POST,
      operationId = "createBatch",
      summary =
          "Submit several documents as one batch: file parts of a multipart body, or JSON items"
              + " naming a URL, a finished upload or a stored document. Each becomes a job; an item"
              + " that cannot is reported with its problem and never stops the others",
      tags = "batches",
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = {
                @OpenApiContent(
                    mimeType = "multipart/form-data",
                    properties = {
                      @OpenApiContentProperty(
                          name = "file",
                          isArray = true,
                          type = "string",
                          format = "binary"),
                      @OpenApiContentProperty(name = "options", type = "string")
                    }),
                @OpenApiContent(from = BatchRequest.class)
              }),
      responses = {
        @OpenApiResponse(
            status = "202",
            content = @OpenApiContent(from = BatchViews.Created.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "413", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "422", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "429", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "503", content = @OpenApiContent(from = Problem.class))
      })
  public void create(Context ctx) {
    Principal caller = Authenticator.require(ctx);
    BatchSubmissions.Items items = submissions.read(ctx, caller);
    Batch batch = batches.open(caller);
    String requestId = RequestIds.of(ctx);
    List<BatchSubmissions.Outcome> outcomes =
        submissions.submit(ctx, items, caller, requestId, batch.id(), () -> batches.touch(batch));
    List<String> jobIds =
        outcomes.stream()
            .map(BatchSubmissions.Outcome::job)
            .filter(Objects::nonNull)
            .map(job -> job.id().toString())
            .toList();
    batches.seal(batch, jobIds.size());
    RequestOrigin origin = RequestOrigins.of(ctx);
    List<BatchViews.Item> shown =
        outcomes.stream().map(outcome -> item(outcome, ctx.path(), requestId)).toList();
    ctx.header("Location", origin.url(BATCHES_PATH + "/" + batch.id()));
    ctx.status(HttpStatus.ACCEPTED)
        .json(
            new BatchViews.Created(
                batch.id().toString(),
                jobIds,
                shown,
                batches.counts(batch),
                BatchViews.Links.of(batch.id().toString(), origin)));
  }

  @OpenApi(
      path = BATCHES_PATH + "/{id}",
      methods = HttpMethod.GET,
      operationId = "getBatch",
      summary = "A batch: its counts by status and a page of its jobs, newest first",
      tags = "batches",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      queryParams = {
        @OpenApiParam(name = "limit", type = Integer.class, description = "1 to 100, default 20"),
        @OpenApiParam(name = "cursor", description = "nextCursor of the previous page")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = BatchViews.BatchView.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void get(Context ctx) {
    Batch batch = batches.visible(batchId(ctx), Authenticator.require(ctx));
    ListJobsQuery query =
        validator.valid(new ListJobsQuery(ctx.queryParam("limit"), ctx.queryParam("cursor")));
    ctx.json(batches.view(batch, query.pageSize(), query.after(), RequestOrigins.of(ctx)));
  }

  @OpenApi(
      path = BATCHES_PATH + "/{id}",
      methods = HttpMethod.DELETE,
      operationId = "cancelBatch",
      summary =
          "Cancel every job of the batch that has not ended (each stops within the page it is"
              + " on); ended jobs keep their results",
      tags = "batches",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = BatchViews.BatchView.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void cancel(Context ctx) {
    Principal caller = Authenticator.require(ctx);
    Batch batch = batches.cancel(batches.visible(batchId(ctx), caller), caller);
    ctx.json(
        batches.view(
            batch, ListJobsQuery.DEFAULT_PAGE_SIZE, Optional.empty(), RequestOrigins.of(ctx)));
  }

  private static BatchViews.Item item(
      BatchSubmissions.Outcome outcome, String path, String requestId) {
    if (outcome.job() != null) {
      return new BatchViews.Item(outcome.index(), outcome.job().id().toString(), null);
    }
    ApiException problem = outcome.problem();
    return new BatchViews.Item(outcome.index(), null, ErrorMapper.map(problem, path, requestId));
  }

  private UUID batchId(Context ctx) {
    return validator.valid(new PathId(ctx.pathParam("id"))).uuid();
  }
}
