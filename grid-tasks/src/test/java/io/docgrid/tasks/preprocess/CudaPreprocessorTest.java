package io.docgrid.tasks.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.preprocess.cuda.CudaDevice;
import io.docgrid.tasks.preprocess.cuda.CudaPreprocessor;
import io.docgrid.tasks.preprocess.cuda.GpuDetector;
import io.docgrid.tasks.preprocess.cuda.GpuInventory;
import io.docgrid.tasks.preprocess.cuda.GpuRuntime;
import io.docgrid.tasks.preprocess.cuda.KernelTimes;
import io.docgrid.testkit.TestPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CUDA backend against the same contract as the CPU, on a real NVIDIA GPU. Skips, saying why,
 * where CUDA has no usable device (no driver, no GPU); {@code ops/gpu/prove.sh} runs it on one.
 */
@Tag("gpu")
class CudaPreprocessorTest extends PreprocessorContract {

  private static GpuInventory inventory;
  private static CudaDevice device;
  private static final ConcurrentHashMap<String, Long> stageNanos = new ConcurrentHashMap<>();

  @BeforeAll
  static void openTheFirstGpu() {
    inventory = new GpuDetector().detect();
    if (inventory.usable()) {
      device = CudaDevice.open(inventory.devices().get(0), 2);
    }
  }

  @AfterAll
  static void closeTheGpu() {
    if (device != null) {
      device.close();
    }
  }

  /** Skips each test, with the reason in the report, where there is no GPU. */
  private static void assumeAGpu() {
    Assumptions.assumeTrue(
        inventory.usable(), () -> "no CUDA device on this machine: " + inventory.problem());
  }

  @Override
  Preprocessor preprocessor() {
    assumeAGpu();
    return new CudaPreprocessor(
        device, (stage, nanos) -> stageNanos.merge(stage, nanos, Long::sum));
  }

  @Test
  void backend_is_named_cuda_and_times_its_stages_on_the_device() {
    CudaPreprocessor cuda = (CudaPreprocessor) preprocessor();
    cuda.binarize(GrayImage.of(TestPages.text()), SauvolaParameters.DEFAULTS);

    assertThat(cuda.backend()).isEqualTo("cuda");
    assertThat(stageNanos).containsKey("binarize");
  }

  @Test
  void sauvola_equals_the_cpu_bit_for_bit() {
    long seed = new Random().nextLong();
    GrayImage page =
        GrayImage.of(
            TestPages.withNoise(TestPages.unevenlyLit(TestPages.text()), 25, new Random(seed)));

    assertThat(preprocessor().binarize(page, SauvolaParameters.DEFAULTS))
        .as("noise seed %s", seed)
        .isEqualTo(new CpuPreprocessor().binarize(page, SauvolaParameters.DEFAULTS));
  }

  @Test
  void the_node_runtime_batches_pages_of_concurrent_callers_and_matches_the_cpu() throws Exception {
    assumeAGpu();
    AtomicInteger batches = new AtomicInteger();
    AtomicInteger items = new AtomicInteger();
    try (GpuRuntime runtime =
        GpuRuntime.open(
            inventory,
            KernelTimes.IGNORED,
            (size, capacity) -> {
              batches.incrementAndGet();
              items.addAndGet(size);
            })) {
      Random random = new Random();
      List<GrayImage> pages = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        pages.add(
            GrayImage.of(
                TestPages.withNoise(TestPages.rotated(TestPages.text(), 4 - i), 20, random)));
      }
      List<CompletableFuture<Double>> skews = new ArrayList<>();
      for (GrayImage page : pages) {
        skews.add(
            CompletableFuture.supplyAsync(() -> runtime.preprocessor().estimateSkewDegrees(page)));
      }
      CpuPreprocessor cpu = new CpuPreprocessor();
      for (int i = 0; i < pages.size(); i++) {
        assertThat(skews.get(i).get()).isEqualTo(cpu.estimateSkewDegrees(pages.get(i)));
      }
      assertThat(items.get()).isEqualTo(pages.size());
      assertThat(batches.get()).isLessThanOrEqualTo(pages.size());
    }
  }
}
