package io.docgrid.tasks.preprocess.cuda;

/** Receives the device time of each stage run on a GPU, measured with CUDA events. */
@FunctionalInterface
public interface KernelTimes {

  KernelTimes IGNORED = (stage, nanos) -> {};

  /**
   * @param stage the {@link io.docgrid.tasks.preprocess.PreprocessStep#label()} of the call
   * @param nanos device time from the stage's first copy to its last, on its stream
   */
  void record(String stage, long nanos);
}
