package io.docgrid.node.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.ApiJson;
import io.docgrid.api.ApiServer;
import io.docgrid.api.health.HealthRoutes;
import io.docgrid.api.health.Readiness;
import io.docgrid.api.health.Readiness.Check;
import io.docgrid.api.health.Readiness.ComponentState;
import io.docgrid.api.jobs.JobRoutes;
import io.docgrid.api.jobs.JobService;
import io.docgrid.api.jobs.UploadLimits;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.grid.IgniteConfigs;
import io.docgrid.sql.Database;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.JobRepository;
import io.docgrid.tasks.blob.LocalBlobStore;
import io.docgrid.tasks.document.DocumentTypeDetector;
import io.docgrid.tasks.document.TextExtractor;
import io.docgrid.tasks.isolation.IsolatedExtraction;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.pipeline.ComponentVersions;
import io.docgrid.tasks.pipeline.OcrEngines;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.tasks.process.DocumentExtraction;
import io.docgrid.tasks.process.InProcessExtraction;
import io.docgrid.tasks.process.WorkerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds DocGrid's objects and connects them. Everything is started in
 * dependency order and handed to {@link RunningNode}, which closes it in reverse.
 */
public final class Wiring {

  private static final Logger log = LoggerFactory.getLogger(Wiring.class);
  private static final int MAX_OPTIONS_BYTES = 64 * 1024;

  private final NodeConfig config;

  public Wiring(NodeConfig config) {
    this.config = config;
  }

  public RunningNode start() throws IOException {
    log.info("starting with {}", config);
    RunningNode.Builder node = RunningNode.builder(config.jobs().shutdownGrace());
    try {
      Files.createDirectories(config.dataDir());
      LocalBlobStore blobs = new LocalBlobStore(config.blobDir());
      int swept = blobs.deleteAbandonedTemporaryFiles();
      if (swept > 0) {
        log.info("removed {} spool files left by an earlier run", swept);
      }

      Database database = node.add(new Database(databaseSettings()));
      JobRepository jobs = new JobRepository(database.dsl());

      // Closed after the grid node (resources close in reverse), when no job can use them.
      TessdataDirectory models =
          config.grid().compute()
              ? TessdataDirectory.install(config.dataDir().resolve("models").resolve("tessdata"))
              : null;
      DocumentExtraction extraction = models == null ? null : node.add(extraction(models));

      Ignite ignite =
          node.add(
              Ignition.start(
                  IgniteConfigs.serverNode(config.grid(), config.dataDir().resolve("grid"), true)));
      if (extraction != null) {
        new WorkerContext(blobs, extraction, ComponentVersions.of(models)).installOn(ignite);
      }

      ObjectMapper json = ApiJson.newMapper();
      ApiMetrics metrics = new ApiMetrics();
      JobService jobService =
          node.add(
              new JobService(
                  jobs,
                  blobs,
                  new DocumentTypeDetector(),
                  ignite,
                  config.jobs().timeout(),
                  config.jobs().pagesPerJob(),
                  metrics,
                  json,
                  Clock.systemUTC()));
      node.jobService(jobService);

      Readiness readiness =
          new Readiness(
              List.of(
                  new Check("database", () -> state(database.isHealthy(), "reachable")),
                  new Check(
                      "grid",
                      () ->
                          state(
                              ignite.cluster().state().active(),
                              ignite.cluster().forServers().nodes().size() + " server nodes")),
                  new Check("blobStore", () -> state(blobs.isUsable(), "writable")),
                  new Check(
                      "computeNodes",
                      () -> {
                        int count = jobService.computeNodeCount();
                        return state(count > 0, count + " compute nodes");
                      })));
      ApiServer api =
          new ApiServer(
              new ApiServer.Settings(config.api().host(), config.api().port(), version()),
              new JobRoutes(
                  jobService,
                  blobs,
                  new UploadLimits(config.api().maxUploadBytes(), MAX_OPTIONS_BYTES)),
              new HealthRoutes(readiness),
              metrics,
              json);
      node.api(node.add(api.start()));

      jobService.recoverUnfinished();
      log.info("node {} ready on port {}", config.grid().nodeName(), api.port());
      return node.build();
    } catch (IOException | RuntimeException e) {
      node.build().close();
      throw e;
    }
  }

  private DocumentExtraction extraction(TessdataDirectory models) {
    NodeConfig.JobsConfig jobs = config.jobs();
    // Pages stop short of the job timeout, so that what was done still comes back.
    Duration documentBudget = jobs.timeout().multipliedBy(9).dividedBy(10);
    if (jobs.isolation() == NodeConfig.Isolation.NONE) {
      return new InProcessExtraction(
          new TextExtractor(),
          new OcrEngines(models),
          new CpuPreprocessor(),
          documentBudget,
          jobs.pageTimeout());
    }
    return new IsolatedExtraction(
        new IsolatedExtraction.Settings(
            Path.of(System.getProperty("java.home"), "bin", "java"),
            System.getProperty("java.class.path"),
            models.path(),
            jobs.workerHeap(),
            jobs.workerProcesses(),
            documentBudget,
            jobs.pageTimeout(),
            jobs.timeout()));
  }

  private DatabaseSettings databaseSettings() {
    NodeConfig.DbConfig db = config.db();
    if (db.embedded()) {
      return DatabaseSettings.embedded(config.dataDir());
    }
    return new DatabaseSettings(db.jdbcUrl(), db.user(), db.password(), db.poolSize(), null);
  }

  private static ComponentState state(boolean up, String detail) {
    return up ? ComponentState.up(detail) : ComponentState.down(detail);
  }

  private static String version() {
    String version = Wiring.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
