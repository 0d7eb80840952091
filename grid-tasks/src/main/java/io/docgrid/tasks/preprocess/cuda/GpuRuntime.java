package io.docgrid.tasks.preprocess.cuda;

import io.docgrid.tasks.preprocess.GpuBatcher;
import io.docgrid.tasks.preprocess.Preprocessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPUs of one node, opened at node start and closed at stop: one context per device, shared by
 * all the node's jobs, behind one batching {@link Preprocessor}, and NVML for the metrics.
 */
public final class GpuRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GpuRuntime.class);

  /** Streams, and so pages in flight, per GPU. */
  public static final int STREAMS_PER_DEVICE = 4;

  /** How long a batch waits for more pages after its first: short next to a page's OCR. */
  public static final Duration MAX_BATCH_WAIT = Duration.ofMillis(3);

  private final List<CudaDevice> devices;
  private final BatchingPreprocessor preprocessor;
  private final NvmlTelemetry telemetry;

  private GpuRuntime(
      List<CudaDevice> devices, BatchingPreprocessor preprocessor, NvmlTelemetry telemetry) {
    this.devices = devices;
    this.preprocessor = preprocessor;
    this.telemetry = telemetry;
  }

  /**
   * Opens every device of {@code inventory}, which must be usable.
   *
   * @throws CudaException when a device cannot be opened
   */
  public static GpuRuntime open(
      GpuInventory inventory, KernelTimes times, GpuBatcher.Listener batches) {
    if (!inventory.usable()) {
      throw new IllegalArgumentException(inventory.describe());
    }
    List<CudaDevice> devices = new ArrayList<>();
    try {
      List<CudaPreprocessor> backends = new ArrayList<>();
      for (GpuInfo info : inventory.devices()) {
        CudaDevice device = CudaDevice.open(info, STREAMS_PER_DEVICE);
        devices.add(device);
        backends.add(new CudaPreprocessor(device, times));
      }
      NvmlTelemetry telemetry = openTelemetry(inventory);
      return new GpuRuntime(
          devices,
          new BatchingPreprocessor(backends, STREAMS_PER_DEVICE, MAX_BATCH_WAIT, batches),
          telemetry);
    } catch (RuntimeException e) {
      devices.forEach(CudaDevice::close);
      throw e;
    }
  }

  private static NvmlTelemetry openTelemetry(GpuInventory inventory) {
    try {
      return new NvmlTelemetry(inventory.devices());
    } catch (RuntimeException | LinkageError e) {
      log.warn("GPU metrics are off: NVML is not usable ({})", e.toString());
      return null;
    }
  }

  public Preprocessor preprocessor() {
    return preprocessor;
  }

  /** NVML, when the driver has it. */
  public Optional<NvmlTelemetry> telemetry() {
    return Optional.ofNullable(telemetry);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      preprocessor.close();
    } finally {
      if (telemetry != null) {
        telemetry.close();
      }
      devices.forEach(CudaDevice::close);
    }
  }
}
