package io.docgrid.tasks.preprocess.cuda;

import java.util.List;
import java.util.Objects;

/**
 * The CUDA devices of this machine, or why there are none usable.
 *
 * @param devices empty when CUDA does not work here
 * @param problem why there are no devices (no driver, no device, a failing call); null when some
 */
public record GpuInventory(List<GpuInfo> devices, String problem) {

  public GpuInventory {
    devices = List.copyOf(devices);
  }

  public static GpuInventory of(List<GpuInfo> devices) {
    return new GpuInventory(devices, devices.isEmpty() ? "CUDA reports no device" : null);
  }

  public static GpuInventory none(String problem) {
    return new GpuInventory(List.of(), Objects.requireNonNull(problem, "problem"));
  }

  public boolean usable() {
    return !devices.isEmpty();
  }

  public List<String> names() {
    return devices.stream().map(GpuInfo::name).toList();
  }

  /** One line for logs: "2 × NVIDIA H100 (cc 9.0, 80 GiB)" or the reason there is none. */
  public String describe() {
    if (!usable()) {
      return "no usable GPU: " + problem;
    }
    StringBuilder text = new StringBuilder();
    for (GpuInfo device : devices) {
      text.append(text.length() == 0 ? "" : ", ")
          .append('#')
          .append(device.index())
          .append(' ')
          .append(device.name())
          .append(" (cc ")
          .append(device.computeCapability())
          .append(", ")
          .append(device.memoryBytes() >> 20)
          .append(" MiB)");
    }
    return text.toString();
  }
}
