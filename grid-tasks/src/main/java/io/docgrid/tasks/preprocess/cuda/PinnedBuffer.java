package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.cudart.cuMemAllocHost;
import static org.bytedeco.cuda.global.cudart.cuMemFreeHost;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Page-locked host memory, the staging area of one stream: copies from it run asynchronously at
 * full bus speed, so that one page's transfer overlaps another page's kernels. It grows to the
 * largest page seen and is freed with its stream.
 */
final class PinnedBuffer implements AutoCloseable {

  private Pointer allocation;
  private BytePointer bytes;
  private long capacity;

  /** At least {@code size} bytes; the previous contents are lost when it grows. */
  BytePointer atLeast(long size) {
    if (size > capacity) {
      close();
      long grown = Math.max(size, 1L << 20);
      try (PointerPointer<Pointer> out = new PointerPointer<>(1)) {
        Cuda.check("cuMemAllocHost(" + grown + " bytes)", cuMemAllocHost(out, grown));
        allocation = out.get();
      }
      bytes = new BytePointer(allocation).capacity(grown);
      capacity = grown;
    }
    return bytes.position(0);
  }

  @Override
  public void close() {
    if (allocation != null) {
      Pointer freed = allocation;
      allocation = null;
      bytes = null;
      capacity = 0;
      Cuda.check("cuMemFreeHost", cuMemFreeHost(freed));
    }
  }
}
