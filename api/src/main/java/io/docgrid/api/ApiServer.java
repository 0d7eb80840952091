package io.docgrid.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.auth.Access;
import io.docgrid.api.auth.Scope;
import io.docgrid.api.batches.BatchRoutes;
import io.docgrid.api.cache.CacheRoutes;
import io.docgrid.api.cluster.ClusterRoutes;
import io.docgrid.api.cluster.DatabaseBackupRoutes;
import io.docgrid.api.error.ErrorReporter;
import io.docgrid.api.health.HealthRoutes;
import io.docgrid.api.http.JettyProblemErrors;
import io.docgrid.api.http.ProblemResponder;
import io.docgrid.api.http.RefusedBodies;
import io.docgrid.api.http.RequestIds;
import io.docgrid.api.http.RequestOrigins;
import io.docgrid.api.http.RouteGuard;
import io.docgrid.api.http.SecurityHeaders;
import io.docgrid.api.http.TrustedProxies;
import io.docgrid.api.jobs.JobEventRoutes;
import io.docgrid.api.jobs.JobRoutes;
import io.docgrid.api.jobs.PageImageRoutes;
import io.docgrid.api.keys.KeyRoutes;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.metrics.MetricsRoutes;
import io.docgrid.api.openapi.OpenApiRoutes;
import io.docgrid.api.playground.Playground;
import io.docgrid.api.quarantine.QuarantineRoutes;
import io.docgrid.api.uploads.UploadRoutes;
import io.docgrid.api.usage.RequestUsage;
import io.docgrid.api.usage.UsageRecorder;
import io.docgrid.api.usage.UsageRoutes;
import io.docgrid.api.webhooks.WebhookRoutes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTP API: every route of the service, and who may call it, is in {@link #registerRoutes}. */
public final class ApiServer implements AutoCloseable {

  /**
   * Where and how the API listens.
   *
   * @param metricsPublic whether {@code /api/v1/metrics} is open to scrapers without a key
   * @param corsOrigins browser origins allowed to call the API; none by default
   * @param tls null for plain HTTP (TLS at the ingress)
   * @param refusedBodyReadLimit the largest body read to its end after a refusal, so that the
   *     answer reaches a client or proxy still sending it (see {@link RefusedBodies})
   * @param trustedProxies the proxies whose {@code X-Forwarded-*} headers are believed
   */
  public record Settings(
      String host,
      int port,
      String version,
      boolean metricsPublic,
      List<String> corsOrigins,
      Tls tls,
      int maxRequestHeaderBytes,
      long refusedBodyReadLimit,
      TrustedProxies trustedProxies) {

    public Settings {
      corsOrigins = List.copyOf(corsOrigins);
    }
  }

  /** Jetty's TLS from a keystore (PKCS12 or JKS). The password never appears in logs. */
  public record Tls(Path keystore, String password) {

    public Tls {
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", password=redacted]";
    }
  }

  /** The resources the API serves. */
  public record Resources(
      JobRoutes jobs,
      JobEventRoutes jobEvents,
      BatchRoutes batches,
      UploadRoutes uploads,
      KeyRoutes keys,
      UsageRoutes usage,
      ClusterRoutes cluster,
      QuarantineRoutes quarantine,
      HealthRoutes health,
      CacheRoutes cache,
      DatabaseBackupRoutes databaseBackup,
      WebhookRoutes webhooks,
      PageImageRoutes pageImages) {}

  private final Settings settings;
  private final Resources resources;
  private final RouteGuard guard;
  private final UsageRecorder usage;
  private final MetricsRoutes metricsRoutes;
  private final OpenApiRoutes openApi;
  private final Playground playground = new Playground();
  private final ApiMetrics metrics;
  private final ProblemResponder problems;
  private final ObjectMapper json;
  private final Clock clock;
  private final List<ApiRoute> registered = new ArrayList<>();
  private Javalin app;

  public ApiServer(
      Settings settings,
      Resources resources,
      RouteGuard guard,
      UsageRecorder usage,
      ApiMetrics metrics,
      ErrorReporter errors,
      ObjectMapper json,
      Clock clock) {
    this.settings = settings;
    this.resources = resources;
    this.guard = guard;
    this.usage = usage;
    this.metrics = metrics;
    this.metricsRoutes = new MetricsRoutes(metrics.registry());
    this.openApi = new OpenApiRoutes(json, settings.version());
    this.json = json;
    this.clock = clock;
    this.problems =
        new ProblemResponder(
            new JavalinJackson(json, false),
            errors,
            new RefusedBodies(settings.refusedBodyReadLimit()));
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
    return registered.stream().map(ApiRoute::name).toList();
  }

  /** The routes this server answers, with who may call each. */
  public List<ApiRoute> routeTable() {
    return List.copyOf(registered);
  }

  /** Readiness fails from now on, while requests in progress still complete. */
  public void markStopping() {
    resources.health().markStopping();
  }

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.jsonMapper(new JavalinJackson(json, false));
    config.http.maxRequestSize = 1024 * 1024; // bodies read whole; uploads stream separately
    config.http.prefer405over404 = true; // a route called with the wrong method says so
    config.staticFiles.enableWebjars();
    Playground.addAssets(config.staticFiles);
    config.jetty.modifyServer(this::configureJetty);
    config.jetty.modifyHttpConfiguration(this::configureHttp);
    if (settings.tls() != null) {
      config.jetty.addConnector(this::tlsConnector);
    }
    if (!settings.corsOrigins().isEmpty()) {
      config.bundledPlugins.enableCors(
          cors ->
              cors.addRule(
                  rule -> {
                    List<String> origins = settings.corsOrigins();
                    rule.allowHost(
                        origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                    List.of(
                            "X-Request-Id",
                            "X-Cache",
                            "RateLimit",
                            "RateLimit-Policy",
                            "Retry-After")
                        .forEach(rule::exposeHeader);
                    UploadRoutes.exposedHeaders().forEach(rule::exposeHeader);
                  }));
    }
    config.requestLogger.http(this::recordRequest);
    RoutesConfig routes = config.routes;
    if (!settings.corsOrigins().isEmpty()) {
      // Javalin's CORS plugin marks a request from an unlisted origin 400 and still runs its
      // route, which then answers its data as a 400. Such a request gets no CORS headers, so the
      // browser keeps the answer from the page; the request itself is answered as any other.
      routes.beforeMatched(
          ctx -> {
            if (ctx.status() == HttpStatus.BAD_REQUEST) {
              ctx.status(HttpStatus.OK);
            }
          });
    }
    routes.before(RequestIds::assign);
    routes.before(new RequestOrigins(settings.trustedProxies())::assign);
    routes.before(new SecurityHeaders(settings.tls() != null)::apply);
    routes.after(RequestIds::release);
    routes.after(RequestOrigins::release);
    problems.install(routes);
    registerRoutes(routes);
    // Described once every route is registered: each operation's security is its route's Access.
    openApi.describe(routeTable());
  }

  private void registerRoutes(RoutesConfig routes) {
    Access read = Access.requires(Scope.JOBS_READ);
    Access write = Access.requires(Scope.JOBS_WRITE);
    Access admin = Access.requires(Scope.ADMIN);
    JobRoutes jobs = resources.jobs();
    route(routes, HandlerType.POST, JobRoutes.JOBS_PATH, write, jobs::create);
    route(routes, HandlerType.GET, JobRoutes.JOBS_PATH, read, jobs::list);
    route(routes, HandlerType.GET, JobRoutes.JOBS_PATH + "/{id}", read, jobs::get);
    route(routes, HandlerType.DELETE, JobRoutes.JOBS_PATH + "/{id}", write, jobs::cancel);
    route(routes, HandlerType.GET, JobRoutes.JOBS_PATH + "/{id}/result", read, jobs::result);
    route(routes, HandlerType.POST, JobRoutes.JOBS_PATH + "/{id}/retry", admin, jobs::retry);
    route(
        routes,
        HandlerType.GET,
        JobRoutes.JOBS_PATH + "/{id}/events",
        read,
        resources.jobEvents()::events);
    route(
        routes,
        HandlerType.GET,
        PageImageRoutes.PAGE_IMAGE_PATH,
        read,
        resources.pageImages()::image);
    BatchRoutes batches = resources.batches();
    String batch = BatchRoutes.BATCHES_PATH + "/{id}";
    route(routes, HandlerType.POST, BatchRoutes.BATCHES_PATH, write, batches::create);
    route(routes, HandlerType.GET, batch, read, batches::get);
    route(routes, HandlerType.DELETE, batch, write, batches::cancel);
    UploadRoutes uploads = resources.uploads();
    String upload = UploadRoutes.UPLOADS_PATH + "/{id}";
    route(routes, HandlerType.OPTIONS, UploadRoutes.UPLOADS_PATH, Access.PUBLIC, uploads::options);
    route(routes, HandlerType.POST, UploadRoutes.UPLOADS_PATH, write, uploads::create);
    route(routes, HandlerType.HEAD, upload, write, uploads::head);
    route(routes, HandlerType.PATCH, upload, write, uploads::patch);
    route(routes, HandlerType.DELETE, upload, write, uploads::delete);
    route(routes, HandlerType.POST, upload, write, uploads::override);
    KeyRoutes keys = resources.keys();
    route(routes, HandlerType.POST, KeyRoutes.KEYS_PATH, admin, keys::create);
    route(routes, HandlerType.GET, KeyRoutes.KEYS_PATH, admin, keys::list);
    route(routes, HandlerType.GET, KeyRoutes.KEYS_PATH + "/me", Access.ANY_CALLER, keys::me);
    route(routes, HandlerType.GET, KeyRoutes.KEYS_PATH + "/{id}", admin, keys::get);
    route(routes, HandlerType.DELETE, KeyRoutes.KEYS_PATH + "/{id}", admin, keys::revoke);
    route(routes, HandlerType.POST, KeyRoutes.KEYS_PATH + "/{id}/rotate", admin, keys::rotate);
    route(
        routes,
        HandlerType.GET,
        UsageRoutes.USAGE_PATH,
        Access.ANY_CALLER,
        resources.usage()::usage);
    route(routes, HandlerType.GET, ClusterRoutes.CLUSTER_PATH, admin, resources.cluster()::status);
    route(routes, HandlerType.POST, ClusterRoutes.DRAIN_PATH, admin, resources.cluster()::drain);
    QuarantineRoutes quarantine = resources.quarantine();
    route(routes, HandlerType.GET, QuarantineRoutes.QUARANTINE_PATH, admin, quarantine::list);
    route(
        routes,
        HandlerType.DELETE,
        QuarantineRoutes.QUARANTINE_PATH + "/{sha256}",
        admin,
        quarantine::release);
    CacheRoutes cache = resources.cache();
    route(routes, HandlerType.GET, CacheRoutes.CACHE_PATH, admin, cache::stats);
    route(routes, HandlerType.DELETE, CacheRoutes.CACHE_PATH, admin, cache::purgeAll);
    route(
        routes,
        HandlerType.DELETE,
        CacheRoutes.CACHE_PATH + "/{sha256}",
        admin,
        cache::purgeDocument);
    route(
        routes,
        HandlerType.POST,
        DatabaseBackupRoutes.BACKUP_PATH,
        admin,
        resources.databaseBackup()::backup);
    registerWebhookRoutes(routes, read, write);
    HealthRoutes health = resources.health();
    route(routes, HandlerType.GET, "/api/v1/health", Access.PUBLIC, health::health);
    route(routes, HandlerType.GET, "/api/v1/ready", Access.PUBLIC, health::ready);
    route(
        routes,
        HandlerType.GET,
        "/api/v1/metrics",
        settings.metricsPublic() ? Access.PUBLIC : admin,
        metricsRoutes::scrape);
    route(routes, HandlerType.GET, OpenApiRoutes.SPEC_PATH, Access.PUBLIC, openApi::spec);
    route(routes, HandlerType.GET, OpenApiRoutes.DOCS_PATH, Access.PUBLIC, openApi::docs);
    // The playground page is not part of the API: it is left out of the route table.
    routes.addEndpoint(new Endpoint(HandlerType.GET, Playground.PAGE_PATH, playground::page));
  }

  /** A tenant's own webhook endpoints: read to look, write to change or send. */
  private void registerWebhookRoutes(RoutesConfig routes, Access read, Access write) {
    WebhookRoutes webhooks = resources.webhooks();
    String one = WebhookRoutes.WEBHOOKS_PATH + "/{id}";
    route(routes, HandlerType.POST, WebhookRoutes.WEBHOOKS_PATH, write, webhooks::create);
    route(routes, HandlerType.GET, WebhookRoutes.WEBHOOKS_PATH, read, webhooks::list);
    route(routes, HandlerType.GET, one, read, webhooks::get);
    route(routes, HandlerType.PATCH, one, write, webhooks::update);
    route(routes, HandlerType.DELETE, one, write, webhooks::delete);
    route(routes, HandlerType.POST, one + "/rotate-secret", write, webhooks::rotateSecret);
    route(routes, HandlerType.POST, one + "/test", write, webhooks::test);
    route(routes, HandlerType.GET, one + "/deliveries", read, webhooks::deliveries);
    route(routes, HandlerType.POST, WebhookRoutes.REDELIVER_PATH, write, webhooks::redeliver);
  }

  private void route(
      RoutesConfig routes, HandlerType method, String path, Access access, Handler handler) {
    routes.addEndpoint(new Endpoint(method, path, guard.guard(access, handler)));
    registered.add(new ApiRoute(method.name(), path, access));
  }

  private void configureJetty(Server server) {
    server.setStopTimeout(10_000);
    server.setErrorHandler(new JettyProblemErrors(json));
  }

  private void configureHttp(HttpConfiguration http) {
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(settings.maxRequestHeaderBytes());
  }

  private ServerConnector tlsConnector(Server server, HttpConfiguration http) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(settings.tls().keystore().toString());
    tls.setKeyStorePassword(settings.tls().password());
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector =
        new ServerConnector(server, tls, new org.eclipse.jetty.server.HttpConnectionFactory(https));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    return connector;
  }

  private void recordRequest(Context ctx, Float executionMillis) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    String route = endpoint == null ? "unmatched" : endpoint.path;
    metrics.requestCompleted(
        route, ctx.method().name(), ctx.statusCode(), executionMillis / 1000.0);
    usage.record(RequestUsage.of(ctx, route, executionMillis.longValue(), Instant.now(clock)));
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
