package io.docgrid.node.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.ApiJson;
import io.docgrid.api.ApiServer;
import io.docgrid.api.auth.ApiKeyAuthenticator;
import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.TokenAuthenticator;
import io.docgrid.api.batches.BatchCompletions;
import io.docgrid.api.batches.BatchRoutes;
import io.docgrid.api.batches.Batches;
import io.docgrid.api.cache.CacheRoutes;
import io.docgrid.api.cache.ResultCache;
import io.docgrid.api.cache.ResultCacheMetrics;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.cache.SingleFlight;
import io.docgrid.api.cluster.ClusterRoutes;
import io.docgrid.api.cluster.DatabaseBackupRoutes;
import io.docgrid.api.engine.JobEndings;
import io.docgrid.api.engine.JobPurger;
import io.docgrid.api.engine.ResultRetention;
import io.docgrid.api.error.ErrorReporter;
import io.docgrid.api.health.HealthRoutes;
import io.docgrid.api.health.Readiness;
import io.docgrid.api.health.Readiness.Check;
import io.docgrid.api.health.Readiness.ComponentState;
import io.docgrid.api.http.RouteGuard;
import io.docgrid.api.jobs.BatchSubmissions;
import io.docgrid.api.jobs.DryRuns;
import io.docgrid.api.jobs.IdempotencyKeys;
import io.docgrid.api.jobs.JobEventRoutes;
import io.docgrid.api.jobs.JobOptions;
import io.docgrid.api.jobs.JobResults;
import io.docgrid.api.jobs.JobRoutes;
import io.docgrid.api.jobs.JobService;
import io.docgrid.api.jobs.PageImageMetrics;
import io.docgrid.api.jobs.PageImageRoutes;
import io.docgrid.api.jobs.PageImages;
import io.docgrid.api.jobs.SubmissionOptions;
import io.docgrid.api.jobs.SubmissionReader;
import io.docgrid.api.jobs.UploadChecks;
import io.docgrid.api.jobs.UploadLimits;
import io.docgrid.api.keys.KeyChanges;
import io.docgrid.api.keys.KeyIssuer;
import io.docgrid.api.keys.KeyRoutes;
import io.docgrid.api.limits.RateLimiter;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.metrics.DatabaseMetrics;
import io.docgrid.api.metrics.GridNodeMetrics;
import io.docgrid.api.metrics.PreprocessMetrics;
import io.docgrid.api.outbound.HostResolver;
import io.docgrid.api.outbound.OutboundClient;
import io.docgrid.api.quarantine.QuarantineRoutes;
import io.docgrid.api.uploads.UploadRoutes;
import io.docgrid.api.uploads.UploadStaging;
import io.docgrid.api.uploads.Uploads;
import io.docgrid.api.usage.UsageRecorder;
import io.docgrid.api.usage.UsageRoutes;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.node.config.GpuMode;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.config.SecurityConfig;
import io.docgrid.node.grid.GridNode;
import io.docgrid.node.grid.IgniteConfigs;
import io.docgrid.node.grid.ResultCacheRegion;
import io.docgrid.sql.ApiKeyRepository;
import io.docgrid.sql.BatchRepository;
import io.docgrid.sql.Database;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.IdempotencyRepository;
import io.docgrid.sql.JobLeaseRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.UploadRepository;
import io.docgrid.sql.UsageRepository;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.document.DocumentTypeDetector;
import io.docgrid.tasks.process.DrainingNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds DocGrid's objects and connects them. Everything is started in
 * dependency order and handed to {@link RunningNode}, which closes it in reverse.
 */
public final class Wiring {

  private static final Logger log = LoggerFactory.getLogger(Wiring.class);
  private static final int MAX_OPTIONS_BYTES = 64 * 1024;
  // About forty PNG pages at the default width, for a few people flipping through documents.
  private static final long PAGE_IMAGE_CACHE_BYTES = 32L << 20;

  // Often enough for proxies that close idle connections after 30 s or more.
  private static final Duration EVENT_STREAM_HEARTBEAT = Duration.ofSeconds(15);

  /** How often a node looks for job endings that a stopped node recorded and did not tell. */
  private static final Duration JOB_ENDING_SWEEP = Duration.ofSeconds(30);

  private static final Duration JOB_ENDINGS_RECORDED = Duration.ofMillis(250);

  private static final int USAGE_BUFFER = 10_000;

  private final NodeConfig config;
  private final GpuMode gpu;
  private final Clock clock;

  public Wiring(NodeConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A node whose time-based rules (key expiry, retention, leases) follow {@code clock}. */
  public Wiring(NodeConfig config, Clock clock) {
    this.config = config;
    this.gpu = config.jobs().gpu();
    this.clock = clock;
  }

  public RunningNode start() throws IOException {
    LogIdentity.name(config.grid().nodeName());
    log.info("starting with {}", config);
    RunningNode.Builder node = RunningNode.builder(config.jobs().shutdownGrace());
    try {
      Files.createDirectories(config.dataDir());
      BlobStore blobs = BlobStores.open(config.blobStore(), config.blobDir(), node::add);
      int swept = blobs.deleteAbandonedTemporaryFiles();
      if (swept > 0) {
        log.info("removed {} spool files left by an earlier run", swept);
      }

      Database database = node.add(new Database(databaseSettings(config.dataDir(), config.db())));
      JobRepository jobs = new JobRepository(database.dsl());

      // Closed after the grid node (resources close in reverse), when no job can use them.
      PreprocessMetrics preprocessMetrics = new PreprocessMetrics();
      ComputeRole compute =
          config.grid().compute()
              ? node.add(
                  ComputeRole.prepare(
                      config.dataDir(),
                      config.grid().nodeName(),
                      config.jobs(),
                      gpu,
                      preprocessMetrics))
              : null;

      IgniteConfiguration gridNode =
          IgniteConfigs.serverNode(
              config.grid(),
              config.dataDir().resolve("grid"),
              true,
              ComputeRole.parallelJobs(config.jobs()));
      Ignite ignite =
          node.add(
              GridNode.start(
                  compute == null ? gridNode : compute.advertisingGpus(gridNode), config.grid()));
      DrainingNodes draining = new DrainingNodes(ignite);
      draining.forgetNodesThatLeave();
      if (compute != null) {
        compute.installOn(ignite, blobs);
        // Dispatchers skip a draining node; the API here keeps serving.
        draining.onDrainOfThisNode(
            () -> log.info("draining: this node takes no new grid jobs; its API keeps serving"));
      }

      ObjectMapper json = ApiJson.newMapper();
      ApiMetrics metrics = new ApiMetrics();
      new GridNodeMetrics(ignite).register(metrics.registry());
      preprocessMetrics.register(metrics.registry());
      new DatabaseMetrics(database::isHealthy).register(metrics.registry());
      NodeMetrics.register(
          metrics.registry(), compute, config.grid().tls(), config.security().tls());
      SecurityConfig security = config.security();
      ApiKeyRepository keys = new ApiKeyRepository(database.dsl());
      UsageRepository usageLog = new UsageRepository(database.dsl());
      KeyIssuer issuer = new KeyIssuer(keys, new SecureRandom(), clock);
      JobPurger purger = new JobPurger(jobs, blobs, clock);
      FirstAdminKey.ensure(issuer, config.dataDir()).ifPresent(node::adminKeyFile);
      UsageRecorder usage =
          node.add(new UsageRecorder(usageLog, metrics, USAGE_BUFFER, Duration.ofSeconds(1)));
      node.usage(usage);
      ApiKeyAuthenticator keyAuthenticator =
          new ApiKeyAuthenticator(keys, clock, security.keyCacheTtl());
      Housekeeping housekeeping =
          node.add(
              new Housekeeping(
                  keyAuthenticator,
                  usageLog,
                  security.usageRetention(),
                  new ResultRetention(jobs, purger, security.tiers(), clock),
                  clock));
      KeyChanges keyChanges = node.add(new KeyChanges(ignite));
      // Keys revoked or rotated anywhere are evicted from this node's cache at once.
      keyChanges.subscribe(keyAuthenticator::forget);
      RateLimiter rateLimiter = new RateLimiter(ignite, security.tiers());
      RequestValidator validator = node.add(new RequestValidator(json));
      QuarantineRepository quarantine = new QuarantineRepository(database.dsl());
      ResultCache resultCache = node.add(resultCache(ignite, metrics));
      new ResultCacheMetrics(resultCache).register(metrics.registry());
      JobOptions jobOptions = new JobOptions(validator);
      ResultReuse reuse =
          new ResultReuse(
              resultCache,
              resultCache.enabled()
                  ? new SingleFlight(ignite, singleFlightExpiry(config.jobs()))
                  : null,
              json);
      // Every request to a URL a caller named goes through this one client and its guard.
      OutboundClient outbound =
          node.add(
              new OutboundClient(
                  new OutboundClient.Settings(
                      config.outbound().allow(),
                      config.outbound().timeout(),
                      config.outbound().timeout()),
                  HostResolver.SYSTEM));
      Webhooks webhooks =
          Webhooks.prepare(
              node,
              database,
              ignite,
              outbound,
              config.outbound(),
              json,
              metrics,
              jobOptions,
              clock);
      ErrorReporter errors = errorReporter(node);
      BatchRepository batchRows = new BatchRepository(database.dsl());
      BatchCompletions batchCompletions = new BatchCompletions(batchRows, webhooks.events(), clock);
      JobEndings jobEndings =
          new JobEndings(jobs, List.of(webhooks.jobEndings(), batchCompletions), clock);
      housekeeping.every(JOB_ENDING_SWEEP, "tell untold job endings", jobEndings::sweep);
      housekeeping.every(JOB_ENDINGS_RECORDED, "record told job endings", jobEndings::recordTold);
      JobEngineWiring.Engine engine =
          JobEngineWiring.start(
              node,
              ignite,
              config,
              new JobEngineWiring.Sources(
                  jobs,
                  new JobLeaseRepository(database.dsl()),
                  quarantine,
                  blobs,
                  purger,
                  reuse,
                  security.tiers(),
                  rateLimiter,
                  usage,
                  metrics,
                  json,
                  jobOptions::storedOptionsOf,
                  jobEndings,
                  errors,
                  clock));
      node.dispatcher(engine.dispatcher());
      IdempotencyKeys idempotency =
          new IdempotencyKeys(new IdempotencyRepository(database.dsl()), jobs, clock);
      housekeeping.hourly("forget expired idempotency keys", idempotency::deleteExpired);
      UploadRepository uploadRows = new UploadRepository(database.dsl());
      Uploads uploads =
          new Uploads(
              uploadRows,
              new UploadStaging(config.api().uploadDirUnder(config.dataDir())),
              engine.front().admission()::maxFileBytes,
              new Uploads.Settings(config.api().maxUploadBytes(), config.api().uploadExpiry()),
              clock);
      housekeeping.every(uploads.sweepInterval(), "delete expired uploads", uploads::sweepExpired);
      UploadChecks uploadChecks =
          new UploadChecks(DocumentTypeDetector.fromMagicBytes(), quarantine);
      JobService jobService =
          new JobService(
              jobs,
              new SubmissionOptions(
                  jobOptions,
                  (owner, endpoint) -> webhooks.endpoints().findOwned(endpoint, owner).isPresent()),
              uploadChecks,
              idempotency,
              blobs,
              engine.front(),
              new JobResults(blobs, json, jobOptions, engine.dispatcher()),
              clock);
      UploadLimits uploadLimits =
          new UploadLimits(config.api().maxUploadBytes(), MAX_OPTIONS_BYTES);
      SubmissionReader submissions =
          new SubmissionReader(
              blobs,
              uploadLimits,
              uploads,
              uploadRows,
              engine.front().admission()::maxFileBytes,
              validator,
              outbound,
              config.outbound().urlFetchTimeout());

      Readiness readiness =
          new Readiness(
              List.of(
                  new Check("database", () -> ComponentState.of(database.isHealthy(), "reachable")),
                  GridCheck.of(ignite),
                  new Check("blobStore", () -> ComponentState.of(blobs.isUsable(), "writable")),
                  new Check(
                      "computeNodes",
                      () -> {
                        int count = engine.dispatcher().computeNodeCount();
                        return ComponentState.of(count > 0, count + " compute nodes");
                      })));
      Authenticator authenticator =
          new Authenticator(
              keyAuthenticator,
              security.oauth() == null ? null : new TokenAuthenticator(security.oauth()),
              security.anonymousAccess());
      Batches batches =
          new Batches(batchRows, jobs, engine.front().control(), batchCompletions, clock);
      // One item takes at most a URL fetch; a batch untouched for longer was left by its node.
      Duration batchAbandonedAfter =
          config.outbound().urlFetchTimeout().plus(Duration.ofMinutes(2));
      housekeeping.every(
          Duration.ofMinutes(1),
          "seal batches left open",
          () -> batches.sealAbandoned(batchAbandonedAfter));
      ApiServer api =
          new ApiServer(
              new ApiServer.Settings(
                  config.api().host(),
                  config.api().port(),
                  version(),
                  security.metricsPublic(),
                  security.corsOrigins(),
                  security.tls(),
                  security.maxRequestHeaderBytes(),
                  // A refused body costs at most twice what an accepted upload may.
                  2 * uploadLimits.maxRequestBytes(),
                  config.api().trustedProxies()),
              new ApiServer.Resources(
                  new JobRoutes(
                      jobService,
                      submissions,
                      new DryRuns(jobOptions, uploadChecks, blobs, jobs, engine.front(), clock),
                      validator),
                  new JobEventRoutes(
                      jobService,
                      validator,
                      new JobEventRoutes.Settings(
                          config.api().eventStreamsMax(),
                          JobEngineWiring.PROGRESS_WRITES,
                          EVENT_STREAM_HEARTBEAT)),
                  new BatchRoutes(
                      new BatchSubmissions(
                          jobService, submissions, validator, config.api().batchMaxItems()),
                      batches,
                      validator),
                  new UploadRoutes(uploads, validator),
                  new KeyRoutes(keys, issuer, keyChanges, validator, clock),
                  new UsageRoutes(usageLog, validator, clock),
                  new ClusterRoutes(ignite, draining, jobs, validator),
                  new QuarantineRoutes(quarantine, validator),
                  new HealthRoutes(readiness),
                  new CacheRoutes(resultCache, validator),
                  new DatabaseBackupRoutes(database, config.dataDir()),
                  webhooks.routes(validator),
                  new PageImageRoutes(
                      new PageImages(
                          jobService,
                          uploadChecks,
                          blobs,
                          engine.dispatcher(),
                          new PageImageMetrics().register(metrics.registry()),
                          PAGE_IMAGE_CACHE_BYTES),
                      validator)),
              new RouteGuard(authenticator, rateLimiter),
              usage,
              metrics,
              errors,
              json,
              clock);
      node.api(node.add(api.start()));

      engine.leaseKeeper().start();
      webhooks.dispatcher().start();
      log.info("node {} ready on port {}", config.grid().nodeName(), api.port());
      return node.build();
    } catch (IOException | RuntimeException e) {
      node.build().close();
      throw e;
    }
  }

  /**
   * Sentry when a DSN is configured, else nothing beyond the log. Made before the job engine and
   * the API, so that it is closed after them and sends what they reported last.
   */
  private ErrorReporter errorReporter(RunningNode.Builder node) {
    NodeConfig.ErrorTrackingConfig tracking = config.errorTracking();
    if (!tracking.enabled()) {
      return ErrorReporter.NONE;
    }
    log.info("reporting unexpected errors to Sentry");
    return node.add(
        SentryErrorReporter.start(tracking, "docgrid@" + version(), config.grid().nodeName()));
  }

  private ResultCache resultCache(Ignite ignite, ApiMetrics metrics) {
    NodeConfig.ResultCacheConfig cache = config.resultCache();
    if (!cache.enabled()) {
      log.info("result cache off: every job is computed");
      return new ResultCache(ignite, ResultCache.Settings.disabled(), metrics);
    }
    return new ResultCache(
        ignite,
        new ResultCache.Settings(
            cache.ttl(),
            cache.nearCacheBytes(),
            ResultCacheRegion.maxEntryBytes(config.grid().resultCacheBytes())),
        metrics);
  }

  /**
   * How long a job leads identical ones at most: past it, a leader whose node died unnoticed no
   * longer holds them up, and a new identical job computes again.
   */
  private static Duration singleFlightExpiry(NodeConfig.JobsConfig jobs) {
    Duration threeTimeouts = jobs.timeout().multipliedBy(3);
    return threeTimeouts.compareTo(Duration.ofMinutes(10)) > 0
        ? threeTimeouts
        : Duration.ofMinutes(10);
  }

  /** How to reach the database {@code db} names; the embedded one lives under {@code dataDir}. */
  public static DatabaseSettings databaseSettings(Path dataDir, NodeConfig.DbConfig db) {
    if (db.embedded()) {
      return DatabaseSettings.embedded(dataDir);
    }
    return new DatabaseSettings(db.jdbcUrl(), db.user(), db.password(), db.poolSize(), null);
  }

  private static String version() {
    String version = Wiring.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
