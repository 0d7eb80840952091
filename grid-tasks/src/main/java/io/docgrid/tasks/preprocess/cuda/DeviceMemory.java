package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.cudart.cuMemAllocAsync;
import static org.bytedeco.cuda.global.cudart.cuMemFreeAsync;
import static org.bytedeco.cuda.global.cudart.cuMemsetD32Async;
import static org.bytedeco.cuda.global.cudart.cuMemsetD8Async;

import org.bytedeco.cuda.cudart.CUstream_st;

/**
 * A device allocation in stream order ({@code cuMemAllocAsync}): allocated and freed on the stream
 * that uses it, so closing it neither waits for the device nor can free memory a queued kernel
 * still reads.
 */
final class DeviceMemory implements AutoCloseable {

  private final CUstream_st stream;
  private final long address;
  private final long bytes;

  DeviceMemory(CUstream_st stream, long bytes) {
    this.stream = stream;
    this.bytes = Math.max(1, bytes);
    long[] pointer = new long[1];
    Cuda.check(
        "cuMemAllocAsync(" + this.bytes + " bytes)", cuMemAllocAsync(pointer, this.bytes, stream));
    this.address = pointer[0];
  }

  long address() {
    return address;
  }

  long bytes() {
    return bytes;
  }

  void fill(byte value) {
    Cuda.check("cuMemsetD8Async", cuMemsetD8Async(address, value, bytes, stream));
  }

  void zero32(long words) {
    Cuda.check("cuMemsetD32Async", cuMemsetD32Async(address, 0, words, stream));
  }

  @Override
  public void close() {
    Cuda.check("cuMemFreeAsync", cuMemFreeAsync(address, stream));
  }
}
