package io.docgrid.ops.bench;

import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrEngineChoice;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import io.docgrid.tasks.document.ProcessingOptions.Preprocess;
import io.docgrid.tasks.document.TextExtractor;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.ocr.paddle.PaddleRuntime;
import io.docgrid.tasks.pipeline.OcrEngines;
import io.docgrid.tasks.pipeline.OcrPageRecognizer;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import io.docgrid.testkit.CharacterErrorRate;
import io.docgrid.testkit.TestPages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Tesseract, PaddleOCR and {@code auto} side by side in one run, on one thread each, through the
 * page pipeline as a node runs it (orientation, deskew, binarisation where the engine takes it):
 * CER and pages/s on the page images of ocr-dev and on generated skewed, noisy scans. A benchmark,
 * not a test: run it with {@code ops/bench/engines.sh}.
 *
 * <p>Two optional system properties narrow a run: {@code bench.engines}, engine names separated by
 * commas ({@code -Dbench.engines=paddle}), and {@code bench.pages}, text that the names of the
 * pages to read contain ({@code -Dbench.pages=multicolumn}). Without them it reads every page with
 * every engine.
 */
public final class EngineBenchmark {

  private static final int DPI = 300;
  private static final double[] SKEWS = {-4, -2.5, -1, 1, 2.5, 4};

  private final TextExtractor extractor = new TextExtractor();
  private final OcrEngines engines;
  private final List<OcrEngineChoice> compared;
  private final String pageFilter;

  private EngineBenchmark(OcrEngines engines, List<OcrEngineChoice> compared, String pageFilter) {
    this.engines = engines;
    this.compared = compared;
    this.pageFilter = pageFilter;
  }

  private record Page(String name, Path image, String mediaType, String truth) {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
    Path work = Files.createTempDirectory("docgrid-bench-engines");
    try (OcrEngines engines =
        new OcrEngines(TessdataDirectory.install(work.resolve("models")), PaddleRuntime.cpu())) {
      EngineBenchmark benchmark =
          new EngineBenchmark(
              engines,
              comparedEngines(System.getProperty("bench.engines", "")),
              System.getProperty("bench.pages", ""));
      benchmark.compare("ocr-dev (300 dpi)", ocrDev(corpus.resolve("ocr-dev")));
      benchmark.compare("generated skewed scans (noise sigma 15)", skewedScans(work));
    }
  }

  /** The engines named, in the order given; all three when none is. */
  private static List<OcrEngineChoice> comparedEngines(String names) {
    List<OcrEngineChoice> named = new ArrayList<>();
    for (String name : names.split(",")) {
      if (!name.isBlank()) {
        named.add(OcrEngineChoice.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      }
    }
    return named.isEmpty()
        ? List.of(OcrEngineChoice.TESSERACT, OcrEngineChoice.PADDLE, OcrEngineChoice.AUTO)
        : named;
  }

  private void compare(String set, List<Page> allPages) throws Exception {
    List<Page> pages = allPages.stream().filter(page -> page.name().contains(pageFilter)).toList();
    if (pages.isEmpty()) {
      return;
    }
    System.out.println("== " + set + ": CER (lower is better)");
    System.out.printf("%-48s", "image");
    compared.forEach(engine -> System.out.printf(" %10s", name(engine)));
    System.out.println();
    double[] sums = new double[compared.size()];
    long[] nanos = new long[compared.size()];
    for (Page page : pages) {
      System.out.printf("%-48s", page.name());
      for (int i = 0; i < compared.size(); i++) {
        long started = System.nanoTime();
        String text = read(page, compared.get(i));
        nanos[i] += System.nanoTime() - started;
        double cer = CharacterErrorRate.of(page.truth(), text);
        sums[i] += cer;
        System.out.printf(" %10.4f", cer);
      }
      System.out.println();
    }
    int count = pages.size();
    List<String> means = new ArrayList<>();
    List<String> speeds = new ArrayList<>();
    for (int i = 0; i < compared.size(); i++) {
      String engine = name(compared.get(i));
      means.add(String.format(Locale.ROOT, "%s %.4f", engine, sums[i] / count));
      speeds.add(String.format(Locale.ROOT, "%s %.3f", engine, count / (nanos[i] / 1e9)));
    }
    System.out.printf("MEAN CER over %d pages: %s%n", count, String.join(", ", means));
    System.out.printf("pages/s (one thread): %s%n", String.join(", ", speeds));
  }

  private static String name(OcrEngineChoice engine) {
    return engine.name().toLowerCase(Locale.ROOT);
  }

  private String read(Page page, OcrEngineChoice engine) throws Exception {
    ProcessingOptions options =
        new ProcessingOptions(
                OcrMode.FORCE,
                List.of("eng"),
                ProcessingOptions.DEFAULTS.pages(),
                DPI,
                Preprocess.DEFAULTS,
                null)
            .withEngine(engine);
    ExtractedDocument document =
        extractor.extract(
            page.image(),
            page.mediaType(),
            options,
            new OcrPageRecognizer(engines, new CpuPreprocessor(), options),
            TimeBudget.UNLIMITED);
    StringBuilder text = new StringBuilder();
    document.pages().forEach(read -> text.append(read.text()).append('\n'));
    return text.toString();
  }

  private static List<Page> ocrDev(Path directory) throws Exception {
    List<Page> pages = new ArrayList<>();
    List<String> rows = Files.readAllLines(directory.resolve("MANIFEST.tsv"));
    for (String row : rows.subList(1, rows.size())) {
      if (row.isBlank()) {
        continue;
      }
      String[] fields = row.split("\t", -1);
      pages.add(
          new Page(
              fields[0],
              directory.resolve(fields[0]),
              QualityBenchmark.mediaTypeOf(fields[0]),
              Files.readString(directory.resolve(fields[1]), StandardCharsets.UTF_8)));
    }
    return pages;
  }

  private static List<Page> skewedScans(Path work) throws Exception {
    List<Page> pages = new ArrayList<>();
    Random random = new Random(16);
    for (double degrees : SKEWS) {
      String name = String.format(Locale.ROOT, "invoice-skewed-%+.1f.png", degrees);
      Path image = work.resolve(name);
      Files.write(image, TestPages.png(TestPages.scan(degrees, 15, random)));
      pages.add(new Page(name, image, "image/png", TestPages.invoiceText()));
    }
    return pages;
  }
}
