package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;

/** One {@code extern "C" __global__} function of a loaded module. */
final class Kernel {

  private final String name;
  private final CUfunc_st function;

  Kernel(String name, CUfunc_st function) {
    this.name = name;
    this.function = function;
  }

  /**
   * Queues the kernel on {@code stream}. Arguments are passed by their Java type: {@link
   * DeviceMemory} as its device pointer, {@code Long} as {@code long long}, {@code Integer} as
   * {@code int}, {@code Double} as {@code double}; they must match the kernel's parameter list.
   */
  void launch(CUstream_st stream, Dim grid, Dim block, int sharedBytes, Object... arguments) {
    try (PointerScope scope = new PointerScope()) {
      PointerPointer<Pointer> parameters = new PointerPointer<>(arguments.length);
      for (int i = 0; i < arguments.length; i++) {
        parameters.put(i, argument(arguments[i]));
      }
      Cuda.check(
          "cuLaunchKernel(" + name + ")",
          cuLaunchKernel(
              function,
              grid.x(),
              grid.y(),
              1,
              block.x(),
              block.y(),
              1,
              sharedBytes,
              stream,
              parameters,
              (PointerPointer<?>) null));
    }
  }

  private Pointer argument(Object value) {
    if (value instanceof DeviceMemory memory) {
      return new LongPointer(1).put(memory.address());
    }
    if (value instanceof Long number) {
      return new LongPointer(1).put(number);
    }
    if (value instanceof Integer number) {
      return new IntPointer(1).put(number);
    }
    if (value instanceof Double number) {
      return new DoublePointer(1).put(number);
    }
    throw new IllegalArgumentException("unsupported kernel argument for " + name + ": " + value);
  }

  /** A launch shape in x and y. */
  record Dim(int x, int y) {

    static Dim of(int x) {
      return new Dim(x, 1);
    }

    /** Enough blocks of {@code block} to cover {@code width} × {@code height}. */
    static Dim covering(long width, long height, Dim block) {
      return new Dim(
          Math.toIntExact((width + block.x() - 1) / block.x()),
          Math.toIntExact((height + block.y() - 1) / block.y()));
    }
  }
}
