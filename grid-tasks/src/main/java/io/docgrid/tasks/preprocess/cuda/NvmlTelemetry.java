package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetHandleByIndex_v2;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetMemoryInfo;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetUtilizationRates;
import static org.bytedeco.cuda.global.nvml.nvmlInit_v2;
import static org.bytedeco.cuda.global.nvml.nvmlShutdown;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.cuda.nvml.nvmlMemory_t;
import org.bytedeco.cuda.nvml.nvmlUtilization_t;
import org.bytedeco.javacpp.PointerScope;

/**
 * GPU utilisation and memory through NVML ({@code libnvidia-ml.so.1}, part of the driver). NVML
 * numbers its devices like the driver API unless CUDA_VISIBLE_DEVICES reorders them; the node then
 * reports the index NVML knows.
 */
public final class NvmlTelemetry implements AutoCloseable {

  private final List<GpuInfo> devices;

  public NvmlTelemetry(List<GpuInfo> devices) {
    Cuda.checkNvml("nvmlInit_v2", nvmlInit_v2());
    this.devices = List.copyOf(devices);
  }

  /** A reading of every device; synchronized because NVML handles are shared state. */
  public synchronized List<GpuSample> sample() {
    List<GpuSample> samples = new ArrayList<>(devices.size());
    for (GpuInfo device : devices) {
      try (PointerScope scope = new PointerScope()) {
        nvmlDevice_st handle = new nvmlDevice_st();
        Cuda.checkNvml(
            "nvmlDeviceGetHandleByIndex_v2", nvmlDeviceGetHandleByIndex_v2(device.index(), handle));
        nvmlUtilization_t utilization = new nvmlUtilization_t();
        Cuda.checkNvml(
            "nvmlDeviceGetUtilizationRates", nvmlDeviceGetUtilizationRates(handle, utilization));
        nvmlMemory_t memory = new nvmlMemory_t();
        Cuda.checkNvml("nvmlDeviceGetMemoryInfo", nvmlDeviceGetMemoryInfo(handle, memory));
        samples.add(
            new GpuSample(
                device.index(), device.name(), utilization.gpu(), memory.used(), memory.total()));
      }
    }
    return samples;
  }

  @Override
  public void close() {
    nvmlShutdown();
  }
}
