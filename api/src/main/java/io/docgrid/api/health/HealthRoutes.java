package io.docgrid.api.health;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiContentProperty;
import io.javalin.openapi.OpenApiResponse;
import java.util.Map;

/** Liveness and readiness, for load balancers and orchestrators. */
public final class HealthRoutes {

  private final Readiness readiness;
  private volatile boolean stopping;

  public HealthRoutes(Readiness readiness) {
    this.readiness = readiness;
  }

  /** From now on readiness fails, so that load balancers drain this node before it stops. */
  public void markStopping() {
    stopping = true;
  }

  @OpenApi(
      path = "/api/v1/health",
      methods = HttpMethod.GET,
      operationId = "health",
      summary = "Liveness: the process is up and serving HTTP",
      tags = "operations",
      responses =
          @OpenApiResponse(
              status = "200",
              content =
                  @OpenApiContent(
                      mimeType = "application/json",
                      type = "object",
                      properties = @OpenApiContentProperty(name = "status", type = "string"),
                      example = "{\"status\":\"up\"}")))
  public void health(Context ctx) {
    ctx.json(Map.of("status", "up"));
  }

  @OpenApi(
      path = "/api/v1/ready",
      methods = HttpMethod.GET,
      operationId = "ready",
      summary = "Readiness: database, grid, blob store and compute nodes are usable",
      tags = "operations",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = Readiness.Report.class)),
        @OpenApiResponse(status = "503", content = @OpenApiContent(from = Readiness.Report.class))
      })
  public void ready(Context ctx) {
    Readiness.Report report = readiness.check();
    if (stopping) {
      var components = new java.util.LinkedHashMap<>(report.components());
      components.put("node", Readiness.ComponentState.down("shutting down"));
      report = new Readiness.Report(false, components);
    }
    ctx.status(report.ready() ? 200 : 503);
    ctx.json(report);
  }
}
