package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.ocr.OcrPage;
import io.docgrid.tasks.preprocess.cuda.GpuDetector;
import io.docgrid.tasks.preprocess.cuda.GpuInventory;
import io.docgrid.tasks.preprocess.cuda.GpuSample;
import io.docgrid.tasks.preprocess.cuda.NvmlTelemetry;
import io.docgrid.testkit.TestPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The batching benchmark of a GPU node's PaddleOCR: the same pages, read by {@value #JOBS} jobs at
 * once on ONNX Runtime's CUDA provider, first with every model call alone (batch 1), then batched
 * across the jobs as a node runs them; pages/s, mean batch sizes and the GPU's utilisation (NVML)
 * of both go to {@code target/paddle-batching.txt} and the test log, for docs/benchmarks.md. Both
 * runs must read every page alike. Skips, saying why, without a usable CUDA provider.
 */
@Tag("gpu")
class CudaPaddleBatchingTest {

  private static final int JOBS = 16;
  private static final int PAGES = 64;

  @Test
  void batched_across_jobs_reads_as_batch_one_and_reports_the_throughput_of_both()
      throws Exception {
    String problem = CudaPaddle.unavailableBecause();
    Assumptions.assumeTrue(problem == null, problem);
    List<GrayImage> pages = new ArrayList<>();
    for (int i = 0; i < PAGES; i++) {
      pages.add(
          GrayImage.of(i % 4 == 3 ? TestPages.a4() : TestPages.scan(i % 9 - 4, 10, new Random(i))));
    }

    Run alone = run(pages, new BatchedInference.Limits(1, 1, Duration.ZERO));
    Run batched = run(pages, BatchedInference.Limits.DEFAULT);

    String report =
        "PaddleOCR on CUDA, %d pages by %d jobs at once%n  batch 1: %s%n  batched: %s%n  speed-up: %.2fx%n"
            .formatted(
                PAGES, JOBS, alone, batched, batched.pagesPerSecond() / alone.pagesPerSecond());
    System.out.print(report);
    Files.writeString(Path.of("target", "paddle-batching.txt"), report);
    for (int i = 0; i < PAGES; i++) {
      assertThat(batched.texts().get(i)).as("page %d", i).isEqualTo(alone.texts().get(i));
    }
    assertThat(batched.meanBatch().get("rec")).isGreaterThan(1.0);
  }

  private record Run(
      double pagesPerSecond,
      Map<String, Double> meanBatch,
      double meanUtilisation,
      List<String> texts) {

    @Override
    public String toString() {
      return "%.2f pages/s, mean batch det %.1f cls %.1f rec %.1f, GPU busy %.0f%%"
          .formatted(
              pagesPerSecond,
              meanBatch.getOrDefault("det", 0.0),
              meanBatch.getOrDefault("cls", 0.0),
              meanBatch.getOrDefault("rec", 0.0),
              meanUtilisation);
    }
  }

  private static Run run(List<GrayImage> pages, BatchedInference.Limits limits) throws Exception {
    Map<String, LongAdder> items = new ConcurrentHashMap<>();
    Map<String, LongAdder> batches = new ConcurrentHashMap<>();
    BatchedInference.Listener listener =
        (model, size, capacity, waited) -> {
          items.computeIfAbsent(model, m -> new LongAdder()).add(size);
          batches.computeIfAbsent(model, m -> new LongAdder()).increment();
        };
    try (PaddleInference inference = PaddleRuntime.cuda(List.of(0), limits, listener).open()) {
      PaddleOcrEngine engine = new PaddleOcrEngine(inference);
      engine.recognise(pages.get(0), 300, 0); // CUDA kernels are chosen on the first call
      items.clear();
      batches.clear();
      Utilisation utilisation = new Utilisation();
      ExecutorService jobs = Executors.newFixedThreadPool(JOBS);
      long started = System.nanoTime();
      try {
        List<Future<OcrPage>> reading = new ArrayList<>();
        for (GrayImage page : pages) {
          reading.add(jobs.submit(() -> engine.recognise(page, 300, 0)));
        }
        List<String> texts = new ArrayList<>();
        for (Future<OcrPage> page : reading) {
          texts.add(page.get(10, TimeUnit.MINUTES).text());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> meanBatch = new ConcurrentHashMap<>();
        items.forEach(
            (model, sum) -> meanBatch.put(model, sum.doubleValue() / batches.get(model).sum()));
        return new Run(pages.size() / seconds, meanBatch, utilisation.stop(), texts);
      } finally {
        jobs.shutdownNow();
        utilisation.stop();
      }
    }
  }

  /** NVML's utilisation of device 0, sampled every 100 ms; NaN where NVML cannot be read. */
  private static final class Utilisation {
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private volatile NvmlTelemetry nvml;

    Utilisation() {
      try {
        GpuInventory inventory = new GpuDetector().detect();
        nvml = new NvmlTelemetry(inventory.devices());
        sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
      } catch (RuntimeException | LinkageError e) {
        nvml = null;
      }
    }

    private void sample() {
      NvmlTelemetry current = nvml;
      if (current == null) {
        return;
      }
      List<GpuSample> readings = current.sample();
      if (!readings.isEmpty()) {
        sum.addAndGet(readings.get(0).utilization());
        samples.incrementAndGet();
      }
    }

    double stop() throws InterruptedException {
      sampler.shutdownNow();
      sampler.awaitTermination(1, TimeUnit.SECONDS);
      if (nvml != null) {
        nvml.close();
        nvml = null;
      }
      return samples.get() == 0 ? Double.NaN : (double) sum.get() / samples.get();
    }
  }
}
