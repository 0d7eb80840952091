package io.docgrid.api.metrics;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;

/** Serves the metrics in the Prometheus text format. */
public final class MetricsRoutes {

  private final CollectorRegistry registry;

  public MetricsRoutes(CollectorRegistry registry) {
    this.registry = registry;
  }

  @OpenApi(
      path = "/api/v1/metrics",
      methods = HttpMethod.GET,
      operationId = "metrics",
      summary = "Prometheus metrics",
      tags = "operations",
      responses =
          @OpenApiResponse(
              status = "200",
              content = @OpenApiContent(mimeType = "text/plain", type = "string")))
  public void scrape(Context ctx) throws IOException {
    StringWriter out = new StringWriter();
    TextFormat.write004(out, registry.metricFamilySamples());
    ctx.contentType(TextFormat.CONTENT_TYPE_004).result(out.toString());
  }
}
