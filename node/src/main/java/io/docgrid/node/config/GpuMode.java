package io.docgrid.node.config;

/** Whether a node preprocesses pages on its GPUs: {@code --gpu auto|on|off}. */
public enum GpuMode {
  /** Use the GPUs when CUDA finds any, else the CPU. */
  AUTO,
  /** Use the GPUs; refuse to start without a usable one. */
  ON,
  /** CPU only; CUDA is not even loaded. */
  OFF
}
