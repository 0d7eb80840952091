package io.docgrid.tasks.preprocess.cuda;

import static org.bytedeco.cuda.global.cudart.CU_EVENT_DEFAULT;
import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;
import static org.bytedeco.cuda.global.cudart.cuEventCreate;
import static org.bytedeco.cuda.global.cudart.cuEventDestroy;
import static org.bytedeco.cuda.global.cudart.cuEventElapsedTime;
import static org.bytedeco.cuda.global.cudart.cuEventRecord;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoHAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuStreamCreate;
import static org.bytedeco.cuda.global.cudart.cuStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;

/**
 * A CUDA stream with its pinned staging buffer and a pair of timing events. One page at a time uses
 * a stream (the device lends them out); pages on different streams overlap their copies and
 * kernels. Every host access to the staging buffer comes after {@link #synchronize()}.
 */
final class CudaStream implements AutoCloseable {

  private final CUstream_st stream = new CUstream_st();
  private final CUevent_st start = new CUevent_st();
  private final CUevent_st end = new CUevent_st();
  private final PinnedBuffer staging = new PinnedBuffer();

  CudaStream() {
    Cuda.check("cuStreamCreate", cuStreamCreate(stream, CU_STREAM_NON_BLOCKING));
    Cuda.check("cuEventCreate", cuEventCreate(start, CU_EVENT_DEFAULT));
    Cuda.check("cuEventCreate", cuEventCreate(end, CU_EVENT_DEFAULT));
  }

  CUstream_st handle() {
    return stream;
  }

  DeviceMemory allocate(long bytes) {
    return new DeviceMemory(stream, bytes);
  }

  /** Queues a copy of {@code data} to the device through the staging buffer. */
  void upload(byte[] data, DeviceMemory target) {
    BytePointer buffer = staging.atLeast(data.length);
    buffer.put(data, 0, data.length);
    Cuda.check(
        "cuMemcpyHtoDAsync", cuMemcpyHtoDAsync(target.address(), buffer, data.length, stream));
  }

  void upload(int[] data, DeviceMemory target) {
    BytePointer buffer = staging.atLeast(4L * data.length);
    for (int i = 0; i < data.length; i++) {
      buffer.putInt(4L * i, data[i]);
    }
    Cuda.check(
        "cuMemcpyHtoDAsync", cuMemcpyHtoDAsync(target.address(), buffer, 4L * data.length, stream));
  }

  /** Copies {@code bytes} from the device and waits for the stream to finish. */
  BytePointer download(DeviceMemory source, long bytes) {
    BytePointer buffer = staging.atLeast(bytes);
    Cuda.check("cuMemcpyDtoHAsync", cuMemcpyDtoHAsync(buffer, source.address(), bytes, stream));
    synchronize();
    return buffer;
  }

  byte[] downloadBytes(DeviceMemory source, int count) {
    byte[] data = new byte[count];
    download(source, count).get(data, 0, count);
    return data;
  }

  long[] downloadLongs(DeviceMemory source, int count) {
    BytePointer buffer = download(source, 8L * count);
    long[] data = new long[count];
    for (int i = 0; i < count; i++) {
      data[i] = buffer.getLong(8L * i);
    }
    return data;
  }

  int downloadInt(DeviceMemory source) {
    return download(source, 4).getInt(0);
  }

  void synchronize() {
    Cuda.check("cuStreamSynchronize", cuStreamSynchronize(stream));
  }

  void startTiming() {
    Cuda.check("cuEventRecord", cuEventRecord(start, stream));
  }

  /** Device time since {@link #startTiming()}, in nanoseconds; waits for the stream. */
  long stopTiming() {
    Cuda.check("cuEventRecord", cuEventRecord(end, stream));
    synchronize();
    float[] millis = new float[1];
    Cuda.check("cuEventElapsedTime", cuEventElapsedTime(millis, start, end));
    return Math.round(millis[0] * 1_000_000.0);
  }

  @Override
  public void close() {
    try {
      staging.close();
    } finally {
      cuEventDestroy(start);
      cuEventDestroy(end);
      Cuda.check("cuStreamDestroy", cuStreamDestroy(stream));
    }
  }
}
