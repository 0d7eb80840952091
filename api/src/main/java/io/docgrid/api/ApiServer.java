package io.docgrid.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.health.HealthRoutes;
import io.docgrid.api.http.ProblemResponder;
import io.docgrid.api.http.RequestIds;
import io.docgrid.api.jobs.JobRoutes;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.metrics.MetricsRoutes;
import io.docgrid.api.openapi.OpenApiRoutes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.List;

/** The HTTP API: every route of the service is registered in {@link #registerRoutes}. */
public final class ApiServer implements AutoCloseable {

  /** Where and how the API listens. */
  public record Settings(String host, int port, String version) {}

  private final Settings settings;
  private final JobRoutes jobs;
  private final HealthRoutes health;
  private final MetricsRoutes metricsRoutes;
  private final OpenApiRoutes openApi;
  private final ApiMetrics metrics;
  private final ProblemResponder problems;
  private final ObjectMapper json;
  private final List<String> registered = new ArrayList<>();
  private Javalin app;

  public ApiServer(
      Settings settings,
      JobRoutes jobs,
      HealthRoutes health,
      ApiMetrics metrics,
      ObjectMapper json) {
    this.settings = settings;
    this.jobs = jobs;
    this.health = health;
    this.metrics = metrics;
    this.metricsRoutes = new MetricsRoutes(metrics);
    this.openApi = new OpenApiRoutes(json, settings.version());
    this.json = json;
    this.problems = new ProblemResponder(new JavalinJackson(json, false));
  }

  public ApiServer start() {
    app = Javalin.create(this::configure);
    app.start(settings.host(), settings.port());
    return this;
  }

  public int port() {
    return app.port();
  }

  /** The routes this server answers, as "METHOD /path" with path parameters in braces. */
  public List<String> routes() {
    return List.copyOf(registered);
  }

  /** Readiness fails from now on, while requests in progress still complete. */
  public void markStopping() {
    health.markStopping();
  }

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.jsonMapper(new JavalinJackson(json, false));
    config.http.maxRequestSize = 1024 * 1024; // bodies read whole; uploads stream separately
    config.staticFiles.enableWebjars();
    config.jetty.modifyServer(server -> server.setStopTimeout(10_000));
    config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
    config.requestLogger.http(this::recordRequest);
    RoutesConfig routes = config.routes;
    routes.before(RequestIds::assign);
    routes.before(ApiServer::securityHeaders);
    routes.after(RequestIds::release);
    problems.install(routes);
    registerRoutes(routes);
  }

  private void registerRoutes(RoutesConfig routes) {
    route(routes, HandlerType.POST, JobRoutes.JOBS_PATH, jobs::create);
    route(routes, HandlerType.GET, JobRoutes.JOBS_PATH, jobs::list);
    route(routes, HandlerType.GET, JobRoutes.JOBS_PATH + "/{id}", jobs::get);
    route(routes, HandlerType.GET, JobRoutes.JOBS_PATH + "/{id}/result", jobs::result);
    route(routes, HandlerType.GET, "/api/v1/health", health::health);
    route(routes, HandlerType.GET, "/api/v1/ready", health::ready);
    route(routes, HandlerType.GET, "/api/v1/metrics", metricsRoutes::scrape);
    route(routes, HandlerType.GET, OpenApiRoutes.SPEC_PATH, openApi::spec);
    route(routes, HandlerType.GET, OpenApiRoutes.DOCS_PATH, openApi::docs);
  }

  private void route(RoutesConfig routes, HandlerType method, String path, Handler handler) {
    routes.addEndpoint(new Endpoint(method, path, handler));
    registered.add(method.name() + " " + path);
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
  }

  private void recordRequest(Context ctx, Float executionMillis) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    String route = endpoint == null ? "unmatched" : endpoint.path;
    metrics.requestCompleted(
        route, ctx.method().name(), ctx.statusCode(), executionMillis / 1000.0);
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
