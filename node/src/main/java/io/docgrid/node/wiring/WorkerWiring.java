package io.docgrid.node.wiring;

import io.docgrid.api.health.HealthRoutes;
import io.docgrid.api.health.Readiness;
import io.docgrid.api.health.Readiness.Check;
import io.docgrid.api.health.Readiness.ComponentState;
import io.docgrid.api.metrics.GridNodeMetrics;
import io.docgrid.api.metrics.PreprocessMetrics;
import io.docgrid.api.status.StatusServer;
import io.docgrid.node.config.GpuMode;
import io.docgrid.node.config.WorkerConfig;
import io.docgrid.node.grid.GridNode;
import io.docgrid.node.grid.IgniteConfigs;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.process.DrainingNodes;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@code docgrid worker}: a compute-only grid node with the OCR models and extraction, the
 * blob store it reads documents from, and its status endpoint. No API, no database: the node that
 * submitted a job records its outcome.
 */
public final class WorkerWiring {

  private static final Logger log = LoggerFactory.getLogger(WorkerWiring.class);

  private final WorkerConfig config;
  private final GpuMode gpu;

  public WorkerWiring(WorkerConfig config) {
    this.config = config;
    this.gpu = config.jobs().gpu();
  }

  public RunningWorker start() throws IOException {
    LogIdentity.name(config.grid().nodeName());
    log.info("starting worker with {}", config);
    RunningWorker.Builder worker =
        RunningWorker.builder(
            config.jobs().shutdownGrace(),
            config.jobs().timeout().plus(config.jobs().shutdownGrace()));
    try {
      Files.createDirectories(config.dataDir());
      BlobStore blobs = BlobStores.open(config.blobStore(), config.blobDir(), worker::add);
      PreprocessMetrics preprocessMetrics = new PreprocessMetrics();
      ComputeRole compute =
          worker.add(
              ComputeRole.prepare(
                  config.dataDir(),
                  config.grid().nodeName(),
                  config.jobs(),
                  gpu,
                  preprocessMetrics));
      Ignite ignite =
          worker.add(
              GridNode.start(
                  compute.advertisingGpus(
                      IgniteConfigs.serverNode(
                          config.grid(),
                          config.dataDir().resolve("grid"),
                          false,
                          ComputeRole.parallelJobs(config.jobs()))),
                  config.grid()));
      worker.grid(ignite);
      compute.installOn(ignite, blobs);

      CollectorRegistry registry = new CollectorRegistry(true);
      DefaultExports.register(registry);
      new GridNodeMetrics(ignite).register(registry);
      preprocessMetrics.register(registry);
      NodeMetrics.register(registry, compute, config.grid().tls(), null);
      Readiness readiness =
          new Readiness(
              List.of(
                  GridCheck.of(ignite),
                  new Check("blobStore", () -> ComponentState.of(blobs.isUsable(), "readable"))));
      StatusServer status =
          worker.status(
              worker.add(
                  new StatusServer(
                          config.statusHost(),
                          config.statusPort(),
                          new HealthRoutes(readiness),
                          registry)
                      .start()));
      RunningWorker running = worker.build();
      new DrainingNodes(ignite).onDrainOfThisNode(running::drain);
      log.info(
          "worker {} joined a grid of {} server nodes; status on port {}",
          config.grid().nodeName(),
          ignite.cluster().forServers().nodes().size(),
          status.port());
      return running;
    } catch (IOException | RuntimeException e) {
      worker.build().close();
      throw e;
    }
  }
}
