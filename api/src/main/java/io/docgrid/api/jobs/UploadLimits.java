package io.docgrid.api.jobs;

/** Bounds on what one job submission may send. */
public record UploadLimits(long maxFileBytes, int maxOptionsBytes) {

  /** Room for multipart boundaries, part headers and the options field around the file. */
  static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;

  public UploadLimits {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive");
    }
    if (maxOptionsBytes <= 0) {
      throw new IllegalArgumentException("maxOptionsBytes must be positive");
    }
  }

  /** These limits with the file limit lowered to {@code maxFileBytes}, if that is lower. */
  UploadLimits cappedAt(long maxFileBytes) {
    return maxFileBytes >= this.maxFileBytes
        ? this
        : new UploadLimits(maxFileBytes, maxOptionsBytes);
  }

  /** The largest multipart body that can carry an accepted file. */
  public long maxRequestBytes() {
    return maxFileBytes + maxOptionsBytes + MULTIPART_OVERHEAD_BYTES;
  }
}
