package io.docgrid.tasks.preprocess.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Detection never throws, GPU or not; without one it says why (this runs on CPU-only builders). */
class GpuDetectorTest {

  @Test
  void detection_returns_devices_or_a_reason_and_never_throws() {
    GpuInventory inventory = new GpuDetector().detect();

    if (inventory.usable()) {
      assertThat(inventory.devices()).allSatisfy(gpu -> assertThat(gpu.major()).isPositive());
      assertThat(inventory.problem()).isNull();
    } else {
      assertThat(inventory.problem()).isNotBlank();
      assertThat(inventory.describe()).startsWith("no usable GPU: ");
    }
  }

  @Test
  void detecting_twice_gives_the_same_answer_after_a_failed_load() {
    assertThat(new GpuDetector().detect().usable()).isEqualTo(new GpuDetector().detect().usable());
  }
}
