package io.docgrid.tasks.preprocess.cuda;

/** A CUDA, NVRTC or NVML call that did not return success, named with its status. */
public final class CudaException extends RuntimeException {

  private final String call;
  private final int status;

  public CudaException(String call, int status, String statusName) {
    this(call, status, statusName, null);
  }

  /**
   * @param detail more to tell, such as the NVRTC compiler log; null when there is nothing
   */
  public CudaException(String call, int status, String statusName, String detail) {
    super(
        call
            + " failed with status "
            + status
            + " ("
            + statusName
            + ")"
            + (detail == null || detail.isBlank() ? "" : ":\n" + detail.strip()));
    this.call = call;
    this.status = status;
  }

  /** The function that failed, such as {@code cuLaunchKernel}. */
  public String call() {
    return call;
  }

  public int status() {
    return status;
  }
}
