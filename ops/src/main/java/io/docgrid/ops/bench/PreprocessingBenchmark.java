package io.docgrid.ops.bench;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.tasks.preprocess.PreprocessedPage;
import io.docgrid.tasks.preprocess.PreprocessingPipeline;
import io.docgrid.tasks.preprocess.Preprocessor;
import io.docgrid.tasks.preprocess.cuda.GpuDetector;
import io.docgrid.tasks.preprocess.cuda.GpuInventory;
import io.docgrid.tasks.preprocess.cuda.GpuRuntime;
import io.docgrid.tasks.preprocess.cuda.KernelTimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Preprocessing throughput, CPU backend against CUDA backend, side by side in one run: N real pages
 * of the OCR corpus (repeated as needed) through deskew and Sauvola binarisation, as a compute node
 * runs them, from as many threads as the machine has cores. Checks on the way that both backends
 * agree on every page. Exit code 3 when this machine has no usable GPU (the CPU figure is still
 * printed).
 *
 * <p>Usage: {@code PreprocessingBenchmark [corpus-dir] [pages]}
 */
public final class PreprocessingBenchmark {

  private PreprocessingBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus").resolve("ocr-dev");
    int pages = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int threads = Runtime.getRuntime().availableProcessors();
    List<GrayImage> images = load(corpus);
    List<GrayImage> workload = new ArrayList<>(pages);
    for (int i = 0; i < pages; i++) {
      workload.add(images.get(i % images.size()));
    }
    System.out.printf(
        Locale.ROOT,
        "== Preprocessing (deskew + Sauvola) of %d pages (%d distinct from %s), %d threads%n",
        pages,
        images.size(),
        corpus,
        threads);

    CpuPreprocessor cpu = new CpuPreprocessor();
    Run cpuRun = run("cpu", cpu, workload, threads);

    GpuInventory inventory = new GpuDetector().detect();
    if (!inventory.usable()) {
      System.out.println("cuda: not measured, " + inventory.describe());
      System.exit(3);
    }
    System.out.println("GPU: " + inventory.describe());
    Map<String, Long> deviceNanos = new ConcurrentHashMap<>();
    Map<String, Long> deviceCalls = new ConcurrentHashMap<>();
    AtomicInteger batches = new AtomicInteger();
    AtomicInteger batchItems = new AtomicInteger();
    KernelTimes times =
        (stage, nanos) -> {
          deviceNanos.merge(stage, nanos, Long::sum);
          deviceCalls.merge(stage, 1L, Long::sum);
        };
    try (GpuRuntime runtime =
        GpuRuntime.open(
            inventory,
            times,
            (size, capacity) -> {
              batches.incrementAndGet();
              batchItems.addAndGet(size);
            })) {
      Run cudaRun = run("cuda", runtime.preprocessor(), workload, threads);
      System.out.printf(
          Locale.ROOT,
          "ratio cuda/cpu: %.2fx%n",
          cudaRun.pagesPerSecond() / cpuRun.pagesPerSecond());
      System.out.printf(
          Locale.ROOT,
          "batches: %d, mean fill %.1f items%n",
          batches.get(),
          batches.get() == 0 ? 0.0 : (double) batchItems.get() / batches.get());
      deviceNanos.forEach(
          (stage, nanos) ->
              System.out.printf(
                  Locale.ROOT,
                  "device time %-9s %.2f ms per call%n",
                  stage,
                  nanos / 1e6 / deviceCalls.get(stage)));
      compare(cpuRun.results(), cudaRun.results());
    }
  }

  private record Run(double pagesPerSecond, List<PreprocessedPage> results) {}

  private static Run run(
      String name, Preprocessor preprocessor, List<GrayImage> workload, int threads)
      throws Exception {
    PreprocessingPipeline pipeline = new PreprocessingPipeline(preprocessor, true, true);
    // Warm-up: JIT on the CPU, NVRTC compilation and module loading on the GPU.
    for (int i = 0; i < Math.min(4, workload.size()); i++) {
      pipeline.run(workload.get(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<PreprocessedPage>> futures = new ArrayList<>();
      for (GrayImage page : workload) {
        futures.add(pool.submit(() -> pipeline.run(page)));
      }
      List<PreprocessedPage> results = new ArrayList<>();
      for (Future<PreprocessedPage> future : futures) {
        results.add(future.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = workload.size() / seconds;
      System.out.printf(Locale.ROOT, "%-4s %8.2f pages/s (%.2f s)%n", name + ":", rate, seconds);
      return new Run(rate, results);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void compare(List<PreprocessedPage> cpu, List<PreprocessedPage> cuda) {
    int skewOff = 0;
    long different = 0;
    long pixels = 0;
    for (int i = 0; i < cpu.size(); i++) {
      if (Math.abs(cpu.get(i).skewDegrees() - cuda.get(i).skewDegrees()) > 0.05) {
        skewOff++;
      }
      byte[] a = cpu.get(i).image().pixels();
      byte[] b = cuda.get(i).image().pixels();
      pixels += a.length;
      for (int p = 0; p < a.length; p++) {
        different += a[p] != b[p] ? 1 : 0;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "agreement: skew off by > 0.05° on %d of %d pages; %d of %d output pixels differ"
            + " (%.5f%%)%n",
        skewOff,
        cpu.size(),
        different,
        pixels,
        100.0 * different / Math.max(1, pixels));
  }

  private static List<GrayImage> load(Path corpus) throws IOException {
    List<GrayImage> images = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".tif")) {
          images.add(GrayImage.of(ImageIO.read(file.toFile())));
        }
      }
    }
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no page images in " + corpus);
    }
    return images;
  }
}
