package io.docgrid.tasks.preprocess.cuda;

/**
 * One CUDA device as detection found it.
 *
 * @param index the driver's device ordinal
 * @param memoryBytes total device memory
 * @param major compute capability, major part (9 for an H100)
 * @param minor compute capability, minor part
 */
public record GpuInfo(int index, String name, long memoryBytes, int major, int minor) {

  /** Compute capability as NVIDIA writes it: {@code 9.0}. */
  public String computeCapability() {
    return major + "." + minor;
  }

  /** The NVRTC architecture to compile for: {@code compute_90}. */
  String virtualArchitecture() {
    return "compute_" + major + minor;
  }
}
