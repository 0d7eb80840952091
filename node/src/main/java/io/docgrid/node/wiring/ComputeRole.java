package io.docgrid.node.wiring;

import io.docgrid.api.metrics.OcrBatchMetrics;
import io.docgrid.api.metrics.PreprocessMetrics;
import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.GpuMode;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.extraction.DocumentExtraction;
import io.docgrid.tasks.extraction.InProcessExtraction;
import io.docgrid.tasks.isolation.IsolatedExtraction;
import io.docgrid.tasks.isolation.IsolationSettings;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.ocr.paddle.OnnxRuntimeNatives;
import io.docgrid.tasks.ocr.paddle.PaddleRuntime;
import io.docgrid.tasks.pipeline.ComponentVersions;
import io.docgrid.tasks.pipeline.PagePipeline;
import io.docgrid.tasks.preprocess.Preprocessor;
import io.docgrid.tasks.process.ExtractionProbe;
import io.docgrid.tasks.process.WorkerContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.ignite.Ignite;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes a node run document jobs, for {@code serve} and {@code worker} alike: the OCR models
 * under the data directory, the extraction (child JVMs or in-process), and the context the grid's
 * jobs find on the node.
 */
final class ComputeRole implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ComputeRole.class);

  private final TessdataDirectory models;
  private final DocumentExtraction extraction;
  private final GpuSupport gpus;
  private final OcrBatchMetrics ocrBatches;

  private ComputeRole(
      TessdataDirectory models,
      DocumentExtraction extraction,
      GpuSupport gpus,
      OcrBatchMetrics ocrBatches) {
    this.models = models;
    this.extraction = extraction;
    this.gpus = gpus;
    this.ocrBatches = ocrBatches;
  }

  /**
   * @throws io.docgrid.node.config.CommandFailure for {@code --gpu on} without a usable GPU
   */
  static ComputeRole prepare(
      Path dataDir,
      String nodeName,
      NodeConfig.JobsConfig jobs,
      GpuMode gpu,
      PreprocessMetrics metrics)
      throws IOException {
    // Before anything loads ONNX Runtime (GpuSupport asks it for its providers); the extraction
    // children are handed the same path.
    OnnxRuntimeNatives.useUnpackedUnder(dataDir.resolve("native"));
    GpuSupport gpus = GpuSupport.start(inProcess(jobs, gpu), metrics);
    try {
      TessdataDirectory models =
          TessdataDirectory.install(dataDir.resolve("models").resolve("tessdata"));
      OcrBatchMetrics ocrBatches = new OcrBatchMetrics();
      DocumentExtraction extraction =
          extraction(nodeName, jobs, models, gpus.preprocessor(), gpus.paddleRuntime(ocrBatches));
      return new ComputeRole(models, extraction, gpus, ocrBatches);
    } catch (RuntimeException e) {
      closeQuietly(gpus, e);
      throw e;
    }
  }

  /**
   * The GPU mode that applies: the GPU serves jobs that run in the node's JVM, so with extraction
   * in child JVMs {@code auto} means off and {@code on} is a mistake.
   */
  private static GpuMode inProcess(NodeConfig.JobsConfig jobs, GpuMode gpu) {
    if (jobs.isolation() == NodeConfig.Isolation.NONE || gpu == GpuMode.OFF) {
      return gpu;
    }
    if (gpu == GpuMode.ON) {
      throw new CommandFailure(
          CommandFailure.USAGE,
          "--gpu on needs --isolation none: pages are preprocessed on the GPU only for documents"
              + " extracted in the node's JVM");
    }
    log.info("--gpu auto with --isolation process: pages are preprocessed on the CPU");
    return GpuMode.OFF;
  }

  /** The node's grid configuration with its GPUs advertised, for routing. */
  IgniteConfiguration advertisingGpus(IgniteConfiguration configuration) {
    return gpus.advertisedIn(configuration);
  }

  /** Makes this node's jobs able to run: call once the grid node has started. */
  void installOn(Ignite ignite, BlobStore blobs) {
    List<ExtractionProbe> probes = new ArrayList<>();
    ServiceLoader.load(ExtractionProbe.class).forEach(probes::add);
    new WorkerContext(blobs, extraction, ComponentVersions.of(models), probes).installOn(ignite);
  }

  /**
   * One document job per document the extraction children work on at once (or per CPU core
   * in-process); the rest queue by priority.
   */
  static int parallelJobs(NodeConfig.JobsConfig jobs) {
    return jobs.isolation() == NodeConfig.Isolation.NONE
        ? Runtime.getRuntime().availableProcessors()
        : jobs.documentsAtOnce();
  }

  private static DocumentExtraction extraction(
      String nodeName,
      NodeConfig.JobsConfig jobs,
      TessdataDirectory models,
      Preprocessor preprocessor,
      PaddleRuntime paddleRuntime) {
    // Pages stop short of the job timeout, so that what was done still comes back.
    Duration documentBudget = jobs.timeout().multipliedBy(9).dividedBy(10);
    if (jobs.isolation() == NodeConfig.Isolation.NONE) {
      return new InProcessExtraction(
          PagePipeline.assemble(models, preprocessor, paddleRuntime),
          documentBudget,
          jobs.pageTimeout());
    }
    IsolatedExtraction children =
        new IsolatedExtraction(
            new IsolationSettings(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                models.path(),
                jobs.workerHeap(),
                jobs.extractionJvmOptions(),
                jobs.workerProcesses(),
                jobs.workerThreads(),
                documentBudget,
                jobs.pageTimeout(),
                jobs.timeout(),
                nodeName));
    // Started while the node starts, so that the first documents do not wait for them.
    children.prestart();
    return children;
  }

  /** PaddleOCR's model batches, on a node that reads PaddleOCR pages on its GPUs. */
  OcrBatchMetrics ocrBatchMetrics() {
    return ocrBatches;
  }

  /** Extraction children that died while the node ran; none where extraction is in-process. */
  long extractionChildDeaths() {
    return extraction instanceof IsolatedExtraction children ? children.childDeaths() : 0;
  }

  /** Stops the extraction children; after the grid node, when no job can use them. */
  @Override
  public void close() throws Exception {
    try {
      extraction.close();
    } finally {
      gpus.close();
    }
  }

  private static void closeQuietly(GpuSupport gpus, Exception failure) {
    try {
      gpus.close();
    } catch (Exception | Error e) {
      failure.addSuppressed(e);
    }
  }
}
