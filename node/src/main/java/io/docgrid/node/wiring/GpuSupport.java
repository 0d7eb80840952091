package io.docgrid.node.wiring;

import io.docgrid.api.metrics.PreprocessMetrics;
import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.GpuMode;
import io.docgrid.tasks.ocr.paddle.BatchedInference;
import io.docgrid.tasks.ocr.paddle.PaddleModels;
import io.docgrid.tasks.ocr.paddle.PaddleRuntime;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.tasks.preprocess.ObservedPreprocessor;
import io.docgrid.tasks.preprocess.Preprocessor;
import io.docgrid.tasks.preprocess.cuda.GpuDetector;
import io.docgrid.tasks.preprocess.cuda.GpuInfo;
import io.docgrid.tasks.preprocess.cuda.GpuInventory;
import io.docgrid.tasks.preprocess.cuda.GpuRuntime;
import io.docgrid.tasks.process.GpuAttributes;
import java.util.List;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compute node's GPUs as {@code --gpu} asks: detected once at start, opened for the node's
 * lifetime, advertised to the grid as node attributes, and behind the preprocessor and the
 * PaddleOCR runtime the node's jobs use. Without a GPU (or with {@code --gpu off}) both are the
 * CPU's; PaddleOCR runs on the GPUs only where ONNX Runtime's GPU build is on the classpath.
 */
final class GpuSupport implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GpuSupport.class);

  private final GpuRuntime runtime;
  private final List<String> names;
  private final Preprocessor preprocessor;
  private final List<Integer> paddleDevices;

  private GpuSupport(
      GpuRuntime runtime,
      List<String> names,
      List<Integer> paddleDevices,
      PreprocessMetrics metrics) {
    this.runtime = runtime;
    this.names = names;
    this.paddleDevices = paddleDevices;
    Preprocessor backend = runtime == null ? new CpuPreprocessor() : runtime.preprocessor();
    this.preprocessor = new ObservedPreprocessor(backend, metrics);
  }

  private static GpuSupport cpuOnly(PreprocessMetrics metrics) {
    return new GpuSupport(null, List.of(), List.of(), metrics);
  }

  /**
   * @throws CommandFailure (exit code 2) for {@code --gpu on} on a node without a usable GPU
   */
  static GpuSupport start(GpuMode mode, PreprocessMetrics metrics) {
    if (mode == GpuMode.OFF) {
      log.info("--gpu off: pages are preprocessed on the CPU");
      return cpuOnly(metrics);
    }
    GpuInventory inventory = new GpuDetector().detect();
    if (!inventory.usable()) {
      if (mode == GpuMode.ON) {
        throw new CommandFailure(
            CommandFailure.USAGE,
            "--gpu on, but this machine has " + inventory.describe() + " (use --gpu auto or off)");
      }
      log.info("--gpu auto: {}; pages are preprocessed on the CPU", inventory.describe());
      return cpuOnly(metrics);
    }
    try {
      GpuRuntime runtime = GpuRuntime.open(inventory, metrics, metrics);
      runtime.telemetry().ifPresent(nvml -> metrics.readGpusFrom(nvml::sample));
      log.info("preprocessing pages on {}", inventory.describe());
      return new GpuSupport(runtime, inventory.names(), paddleDevices(inventory), metrics);
    } catch (RuntimeException e) {
      if (mode == GpuMode.ON) {
        throw new CommandFailure(
            CommandFailure.FAILED, "--gpu on, but the GPU could not be opened: " + e.getMessage());
      }
      log.warn("--gpu auto: the GPU could not be opened, preprocessing on the CPU", e);
      return cpuOnly(metrics);
    }
  }

  /**
   * The devices PaddleOCR's models run on: all of them where ONNX Runtime has its CUDA provider
   * (the {@code onnxruntime_gpu} build) and it opens the first device (its CUDA 12 and cuDNN 9
   * libraries are there), none otherwise. Tried once at start, so that a node that cannot read
   * PaddleOCR on its GPUs says so now and reads it on the CPU instead of failing pages later.
   */
  private static List<Integer> paddleDevices(GpuInventory inventory) {
    try {
      if (!PaddleModels.cudaAvailable()) {
        log.info(
            "PaddleOCR reads on the CPU: this build's ONNX Runtime has no CUDA provider (build"
                + " with -Ponnxruntime-gpu)");
        return List.of();
      }
      List<Integer> devices = inventory.devices().stream().map(GpuInfo::index).toList();
      PaddleModels.loadOnCuda(devices.get(0)).close();
      log.info("PaddleOCR reads on {} through ONNX Runtime's CUDA provider", inventory.describe());
      return devices;
    } catch (IllegalStateException e) {
      log.warn(
          "PaddleOCR reads on the CPU: ONNX Runtime's CUDA provider could not open the GPU ({})",
          e.getCause() == null ? e.getMessage() : e.getCause().toString());
    } catch (LinkageError e) {
      log.warn("PaddleOCR cannot run on this node: ONNX Runtime did not load ({})", e.toString());
    }
    return List.of();
  }

  /**
   * Where the node's PaddleOCR pages run: batched across jobs on the GPUs where ONNX Runtime can
   * use them, else on the CPU from each page's thread.
   */
  PaddleRuntime paddleRuntime(BatchedInference.Listener batches) {
    return paddleDevices.isEmpty()
        ? PaddleRuntime.cpu()
        : PaddleRuntime.cuda(paddleDevices, BatchedInference.Limits.DEFAULT, batches);
  }

  /** The preprocessor of this node's jobs: the GPUs' when there are any, else the CPU's. */
  Preprocessor preprocessor() {
    return preprocessor;
  }

  /** Adds the GPU attributes to a node's configuration, so that the grid can route by them. */
  IgniteConfiguration advertisedIn(IgniteConfiguration configuration) {
    return configuration.setUserAttributes(
        GpuAttributes.with(configuration.getUserAttributes(), names, !paddleDevices.isEmpty()));
  }

  @Override
  public void close() throws InterruptedException {
    if (runtime != null) {
      runtime.close();
    }
  }
}
