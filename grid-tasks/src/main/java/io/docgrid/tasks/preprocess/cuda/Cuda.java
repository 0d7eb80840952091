package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.cuGetErrorName;

import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/** Turns the status codes of driver, NVRTC and NVML calls into {@link CudaException}s. */
final class Cuda {

  private Cuda() {}

  /** Checks a driver API status: {@code check("cuInit", cuInit(0))}. */
  static void check(String call, int status) {
    if (status != CUDA_SUCCESS) {
      throw new CudaException(call, status, driverStatusName(status));
    }
  }

  static void checkNvrtc(String call, int status) {
    checkNvrtc(call, status, null);
  }

  static void checkNvrtc(String call, int status, String log) {
    if (status != nvrtc.NVRTC_SUCCESS) {
      BytePointer name = nvrtc.nvrtcGetErrorString(status);
      throw new CudaException(call, status, name == null ? "unknown" : name.getString(), log);
    }
  }

  static void checkNvml(String call, int status) {
    if (status != nvml.NVML_SUCCESS) {
      BytePointer name = nvml.nvmlErrorString(status);
      throw new CudaException(call, status, name == null ? "unknown" : name.getString());
    }
  }

  private static String driverStatusName(int status) {
    try (PointerPointer<BytePointer> name = new PointerPointer<>(1)) {
      if (cuGetErrorName(status, name) == CUDA_SUCCESS && name.get() != null) {
        return new BytePointer(name.get()).getString();
      }
    }
    return "unknown";
  }
}
