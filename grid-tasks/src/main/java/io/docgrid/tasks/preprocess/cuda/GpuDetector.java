package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetCount;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetName;
import static org.bytedeco.cuda.global.cudart.cuDeviceTotalMem;
import static org.bytedeco.cuda.global.cudart.cuInit;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Finds the CUDA devices of this machine through the driver API. Never throws: a machine without
 * the NVIDIA driver fails to load the bindings with an {@link Error} (UnsatisfiedLinkError for
 * {@code libcuda.so.1}, then NoClassDefFoundError), which is reported as "no GPU". After such a
 * failure the binding classes stay unusable for the life of the JVM, so detect once, at node start.
 */
public final class GpuDetector {

  public GpuInventory detect() {
    try {
      Cuda.check("cuInit", cuInit(0));
      int[] count = new int[1];
      Cuda.check("cuDeviceGetCount", cuDeviceGetCount(count));
      List<GpuInfo> devices = new ArrayList<>();
      for (int ordinal = 0; ordinal < count[0]; ordinal++) {
        devices.add(describe(ordinal));
      }
      return GpuInventory.of(devices);
    } catch (CudaException e) {
      return GpuInventory.none(e.getMessage());
    } catch (Throwable e) {
      // Why Throwable: a missing driver is an Error from class initialisation, not an Exception.
      return GpuInventory.none("the CUDA driver could not be loaded: " + e);
    }
  }

  private static GpuInfo describe(int ordinal) {
    int[] device = new int[1];
    Cuda.check("cuDeviceGet", cuDeviceGet(device, ordinal));
    byte[] name = new byte[256];
    Cuda.check("cuDeviceGetName", cuDeviceGetName(name, name.length, device[0]));
    int[] major = new int[1];
    int[] minor = new int[1];
    Cuda.check(
        "cuDeviceGetAttribute",
        cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device[0]));
    Cuda.check(
        "cuDeviceGetAttribute",
        cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device[0]));
    long memory;
    try (SizeTPointer bytes = new SizeTPointer(1)) {
      Cuda.check("cuDeviceTotalMem", cuDeviceTotalMem(bytes, device[0]));
      memory = bytes.get();
    }
    return new GpuInfo(ordinal, cString(name), memory, major[0], minor[0]);
  }

  private static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
