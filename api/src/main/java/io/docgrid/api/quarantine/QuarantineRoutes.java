package io.docgrid.api.quarantine;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.Problem;
import io.docgrid.api.validation.DocumentHash;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.model.QuarantinedDocument;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/quarantine}: the documents kept from the grid because processing them brought
 * workers down, and their release (admin).
 */
public final class QuarantineRoutes {

  public static final String QUARANTINE_PATH = "/api/v1/quarantine";
  private static final Logger log = LoggerFactory.getLogger(QuarantineRoutes.class);
  private static final int MAX_LISTED = 1000;

  /** One quarantined document. */
  public record QuarantinedView(
      String sha256, UUID jobId, String reason, int attempts, Instant quarantinedAt) {

    static QuarantinedView of(QuarantinedDocument document) {
      return new QuarantinedView(
          document.documentSha256(),
          document.jobId(),
          document.reason(),
          document.attempts(),
          document.quarantinedAt());
    }
  }

  public record QuarantineList(List<QuarantinedView> documents) {}

  private final QuarantineRepository quarantine;
  private final RequestValidator validator;

  public QuarantineRoutes(QuarantineRepository quarantine, RequestValidator validator) {
    this.quarantine = quarantine;
    this.validator = validator;
  }

  @OpenApi(
      path = QUARANTINE_PATH,
      methods = HttpMethod.GET,
      operationId = "listQuarantine",
      summary = "Documents quarantined because they brought workers down, newest first (admin)",
      tags = "quarantine",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = QuarantineList.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class))
      })
  public void list(Context ctx) {
    ctx.json(
        new QuarantineList(quarantine.list(MAX_LISTED).stream().map(QuarantinedView::of).toList()));
  }

  @OpenApi(
      path = QUARANTINE_PATH + "/{sha256}",
      methods = HttpMethod.DELETE,
      operationId = "releaseQuarantine",
      summary = "Release a quarantined document, so that it may be submitted again (admin)",
      tags = "quarantine",
      pathParams = @OpenApiParam(name = "sha256", required = true),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void release(Context ctx) {
    String sha256 = validator.valid(new DocumentHash(ctx.pathParam("sha256"))).normalized();
    if (!quarantine.release(sha256)) {
      throw ApiException.notFound("Quarantined document " + sha256);
    }
    log.info("document {} released from quarantine", sha256);
    ctx.status(204);
  }
}
