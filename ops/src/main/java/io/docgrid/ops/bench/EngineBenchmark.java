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
 */
public final class EngineBenchmark {

  private static final int DPI = 300;
  private static final List<OcrEngineChoice> ENGINES =
      List.of(OcrEngineChoice.TESSERACT, OcrEngineChoice.PADDLE, OcrEngineChoice.AUTO);
  private static final double[] SKEWS = {-4, -2.5, -1, 1, 2.5, 4};

  private final TextExtractor extractor = new TextExtractor();
  private final OcrEngines engines;

  private EngineBenchmark(OcrEngines engines) {
    this.engines = engines;
  }

  private record Page(String name, Path image, String mediaType, String truth) {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
    Path work = Files.createTempDirectory("docgrid-bench-engines");
    try (OcrEngines engines =
        new OcrEngines(TessdataDirectory.install(work.resolve("models")), PaddleRuntime.cpu())) {
      EngineBenchmark benchmark = new EngineBenchmark(engines);
      benchmark.compare("ocr-dev (300 dpi)", ocrDev(corpus.resolve("ocr-dev")));
      benchmark.compare("generated skewed scans (noise sigma 15)", skewedScans(work));
    }
  }

  private void compare(String set, List<Page> pages) throws Exception {
    System.out.println("== " + set + ": CER (lower is better)");
    System.out.printf("%-48s %10s %10s %10s%n", "image", "tesseract", "paddle", "auto");
    double[] sums = new double[ENGINES.size()];
    long[] nanos = new long[ENGINES.size()];
    for (Page page : pages) {
      double[] cer = new double[ENGINES.size()];
      for (int i = 0; i < ENGINES.size(); i++) {
        long started = System.nanoTime();
        String text = read(page, ENGINES.get(i));
        nanos[i] += System.nanoTime() - started;
        cer[i] = CharacterErrorRate.of(page.truth(), text);
        sums[i] += cer[i];
      }
      System.out.printf("%-48s %10.4f %10.4f %10.4f%n", page.name(), cer[0], cer[1], cer[2]);
    }
    int count = pages.size();
    System.out.printf(
        "MEAN CER over %d pages: tesseract %.4f, paddle %.4f, auto %.4f%n",
        count, sums[0] / count, sums[1] / count, sums[2] / count);
    System.out.printf(
        "pages/s (one thread): tesseract %.3f, paddle %.3f, auto %.3f%n",
        count / (nanos[0] / 1e9), count / (nanos[1] / 1e9), count / (nanos[2] / 1e9));
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
