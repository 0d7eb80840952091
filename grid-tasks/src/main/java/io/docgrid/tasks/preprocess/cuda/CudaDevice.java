package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRelease;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.javacpp.BytePointer;

/**
 * One GPU as the node uses it: the device's primary context (one per device per process, shared by
 * every job on the node), the kernel modules compiled for its architecture (compiled once, on first
 * use), and a fixed set of streams lent to one page at a time. Opened at node start, closed at
 * stop; nothing of it outlives {@link #close()}.
 */
public final class CudaDevice implements AutoCloseable {

  private final GpuInfo info;
  private final int device;
  private final CUctx_st context = new CUctx_st();
  private final Map<String, CUmod_st> modules = new HashMap<>();
  private final Map<String, Kernel> kernels = new HashMap<>();
  private final List<CudaStream> streams = new ArrayList<>();
  private final BlockingQueue<CudaStream> idle;

  private CudaDevice(GpuInfo info, int streamCount) {
    this.info = info;
    int[] handle = new int[1];
    Cuda.check("cuDeviceGet", cuDeviceGet(handle, info.index()));
    this.device = handle[0];
    Cuda.check("cuDevicePrimaryCtxRetain", cuDevicePrimaryCtxRetain(context, device));
    this.idle = new ArrayBlockingQueue<>(streamCount);
  }

  /** Retains the device's context and creates {@code streamCount} streams on it. */
  public static CudaDevice open(GpuInfo info, int streamCount) {
    CudaDevice opened = new CudaDevice(info, streamCount);
    try {
      opened.makeCurrent();
      for (int i = 0; i < streamCount; i++) {
        CudaStream stream = new CudaStream();
        opened.streams.add(stream);
        opened.idle.add(stream);
      }
      return opened;
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  public GpuInfo info() {
    return info;
  }

  /** Binds this device's context to the calling thread, as every driver call needs. */
  void makeCurrent() {
    Cuda.check("cuCtxSetCurrent", cuCtxSetCurrent(context));
  }

  /** Waits for an idle stream; give it back with {@link #release}. */
  CudaStream borrowStream() {
    makeCurrent();
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a CUDA stream", e);
    }
  }

  void release(CudaStream stream) {
    idle.add(stream);
  }

  /** The kernel {@code name} of {@code file}, compiling and loading the module on first use. */
  synchronized Kernel kernel(String file, String name) {
    String key = file + "#" + name;
    Kernel kernel = kernels.get(key);
    if (kernel == null) {
      makeCurrent();
      CUfunc_st function = new CUfunc_st();
      Cuda.check(
          "cuModuleGetFunction(" + name + ")", cuModuleGetFunction(function, module(file), name));
      kernel = new Kernel(name, function);
      kernels.put(key, kernel);
    }
    return kernel;
  }

  private CUmod_st module(String file) {
    CUmod_st module = modules.get(file);
    if (module == null) {
      String ptx = KernelCompiler.ptx(file, KernelSources.read(file), info.virtualArchitecture());
      module = new CUmod_st();
      try (BytePointer image = new BytePointer(ptx)) {
        Cuda.check("cuModuleLoadData(" + file + ")", cuModuleLoadData(module, image));
      }
      modules.put(file, module);
    }
    return module;
  }

  @Override
  public synchronized void close() {
    makeCurrent();
    for (CudaStream stream : streams) {
      stream.close();
    }
    streams.clear();
    for (CUmod_st module : modules.values()) {
      cuModuleUnload(module);
    }
    modules.clear();
    kernels.clear();
    Cuda.check("cuDevicePrimaryCtxRelease", cuDevicePrimaryCtxRelease(device));
  }

  @Override
  public String toString() {
    return "CUDA device #" + info.index() + " " + info.name();
  }
}
