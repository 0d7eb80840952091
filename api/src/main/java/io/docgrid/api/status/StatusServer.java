package io.docgrid.api.status;

import io.docgrid.api.ApiJson;
import io.docgrid.api.health.HealthRoutes;
import io.docgrid.api.metrics.MetricsRoutes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.prometheus.client.CollectorRegistry;

/**
 * Health, readiness and Prometheus metrics of a node that serves no API (a worker), on the same
 * paths as the API's, so probes and scrape configs are alike for every role. Unauthenticated: bind
 * it to an address only the orchestrator and Prometheus reach (127.0.0.1 by default).
 */
public final class StatusServer implements AutoCloseable {

  private final String host;
  private final int port;
  private final HealthRoutes health;
  private final MetricsRoutes metrics;
  private Javalin app;

  public StatusServer(String host, int port, HealthRoutes health, CollectorRegistry registry) {
    this.host = host;
    this.port = port;
    this.health = health;
    this.metrics = new MetricsRoutes(registry);
  }

  public StatusServer start() {
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jsonMapper(new JavalinJackson(ApiJson.newMapper(), false));
              config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
              config.routes.get("/api/v1/health", health::health);
              config.routes.get("/api/v1/ready", health::ready);
              config.routes.get("/api/v1/metrics", metrics::scrape);
            });
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  /** Readiness fails from now on. */
  public void markStopping() {
    health.markStopping();
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
