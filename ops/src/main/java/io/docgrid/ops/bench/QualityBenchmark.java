package io.docgrid.ops.bench;

import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.PageRecognizer;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.document.ProcessingOptions;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures DocGrid's text quality against the usual command-line tools on the shared corpus:
 * text-layer agreement with {@code pdftotext}, and OCR character error rate with preprocessing on
 * and off next to the {@code tesseract} CLI on the same images at the same resolution. A benchmark,
 * not a test: run it with {@code ops/bench/quality.sh}.
 */
public final class QualityBenchmark {

  private static final int DPI = 300;

  private final Path corpus;
  private final TextExtractor extractor = new TextExtractor();

  private QualityBenchmark(Path corpus) {
    this.corpus = corpus;
  }

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
    QualityBenchmark benchmark = new QualityBenchmark(corpus);
    benchmark.textLayerAgreement();
    benchmark.ocrErrorRates();
  }

  private void textLayerAgreement() throws Exception {
    System.out.println(
        "== Text-layer agreement with pdftotext (normalised edit similarity per file)");
    System.out.printf(
        "%-62s %6s %10s %12s %12s%n",
        "file", "pages", "similarity", "docgrid p/s", "pdftotext p/s");
    List<Double> similarities = new ArrayList<>();
    long docgridNanos = 0;
    long pdftotextNanos = 0;
    int pagesTotal = 0;
    for (String[] row : manifest(corpus.resolve("dev/MANIFEST.tsv"))) {
      String file = row[0];
      String notes = row.length > 9 ? row[9] : "";
      if (!row[7].equals("application/pdf")
          || notes.contains("encrypted")
          || notes.contains("textchars=0")) {
        continue;
      }
      Path pdf = corpus.resolve("dev").resolve(file);
      long started = System.nanoTime();
      ExtractedDocument document;
      try {
        document = extractor.extract(pdf, "application/pdf");
      } catch (Exception e) {
        System.out.printf("%-62s %s%n", file, "docgrid failed: " + e.getMessage());
        continue;
      }
      long ours = System.nanoTime() - started;
      started = System.nanoTime();
      String theirs = run(List.of("pdftotext", "-enc", "UTF-8", pdf.toString(), "-"), null);
      long reference = System.nanoTime() - started;
      String[] theirPages = theirs.split("\f", -1);
      List<Double> pageScores = new ArrayList<>();
      for (PageText page : document.pages()) {
        String other = page.number() <= theirPages.length ? theirPages[page.number() - 1] : "";
        pageScores.add(CharacterErrorRate.similarity(page.text(), other));
      }
      double score = pageScores.stream().mapToDouble(Double::doubleValue).average().orElse(1.0);
      similarities.add(score);
      docgridNanos += ours;
      pdftotextNanos += reference;
      pagesTotal += document.pages().size();
      System.out.printf(
          "%-62s %6d %10.4f %12.1f %12.1f%n",
          file,
          document.pages().size(),
          score,
          rate(document.pages().size(), ours),
          rate(document.pages().size(), reference));
    }
    System.out.printf(
        "MEAN over %d files: similarity %.4f; pages/s docgrid %.1f, pdftotext %.1f (ratio %.2f)%n%n",
        similarities.size(),
        similarities.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        rate(pagesTotal, docgridNanos),
        rate(pagesTotal, pdftotextNanos),
        rate(pagesTotal, docgridNanos) / rate(pagesTotal, pdftotextNanos));
  }

  private void ocrErrorRates() throws Exception {
    System.out.println("== OCR character error rate on ocr-dev (lower is better), " + DPI + " dpi");
    System.out.printf(
        "%-48s %14s %15s %14s%n", "image", "docgrid(prep)", "docgrid(noprep)", "tesseract-cli");
    Path models = Files.createTempDirectory("docgrid-bench-models");
    double[] sums = new double[3];
    long[] nanos = new long[3];
    int images = 0;
    try (OcrEngines engines =
        new OcrEngines(TessdataDirectory.install(models), PaddleRuntime.cpu())) {
      ProcessingOptions withPreprocessing =
          new ProcessingOptions(
              OcrMode.FORCE,
              List.of("eng"),
              ProcessingOptions.DEFAULTS.pages(),
              DPI,
              Preprocess.DEFAULTS,
              null);
      ProcessingOptions withoutPreprocessing =
          new ProcessingOptions(
              OcrMode.FORCE,
              List.of("eng"),
              ProcessingOptions.DEFAULTS.pages(),
              DPI,
              new Preprocess(false, false, false),
              null);
      for (String[] row : manifest(corpus.resolve("ocr-dev/MANIFEST.tsv"))) {
        Path image = corpus.resolve("ocr-dev").resolve(row[0]);
        String truth =
            Files.readString(corpus.resolve("ocr-dev").resolve(row[1]), StandardCharsets.UTF_8);
        String mediaType = mediaTypeOf(row[0]);
        double[] cer = new double[3];
        long started = System.nanoTime();
        cer[0] = CharacterErrorRate.of(truth, ocr(image, mediaType, withPreprocessing, engines));
        nanos[0] += System.nanoTime() - started;
        started = System.nanoTime();
        cer[1] = CharacterErrorRate.of(truth, ocr(image, mediaType, withoutPreprocessing, engines));
        nanos[1] += System.nanoTime() - started;
        started = System.nanoTime();
        String cli =
            run(
                List.of(
                    "tesseract",
                    image.toString(),
                    "stdout",
                    "--dpi",
                    Integer.toString(DPI),
                    "-l",
                    "eng"),
                "1");
        nanos[2] += System.nanoTime() - started;
        cer[2] = CharacterErrorRate.of(truth, cli);
        for (int i = 0; i < 3; i++) {
          sums[i] += cer[i];
        }
        images++;
        System.out.printf("%-48s %14.4f %15.4f %14.4f%n", row[0], cer[0], cer[1], cer[2]);
      }
    }
    System.out.printf(
        "MEAN CER over %d images: docgrid(prep) %.4f, docgrid(noprep) %.4f, tesseract-cli %.4f%n",
        images, sums[0] / images, sums[1] / images, sums[2] / images);
    System.out.printf(
        "pages/s: docgrid(prep) %.2f, docgrid(noprep) %.2f, tesseract-cli %.2f (one process per image)%n",
        rate(images, nanos[0]), rate(images, nanos[1]), rate(images, nanos[2]));
  }

  private String ocr(Path image, String mediaType, ProcessingOptions options, OcrEngines engines)
      throws Exception {
    PageRecognizer recognizer = new OcrPageRecognizer(engines, new CpuPreprocessor(), options);
    ExtractedDocument document =
        extractor.extract(image, mediaType, options, recognizer, TimeBudget.UNLIMITED);
    StringBuilder text = new StringBuilder();
    document.pages().forEach(page -> text.append(page.text()).append('\n'));
    return text.toString();
  }

  static String mediaTypeOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    return "image/tiff";
  }

  private static List<String[]> manifest(Path tsv) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  private static String run(List<String> command, String ompThreads)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    if (ompThreads != null) {
      builder.environment().put("OMP_THREAD_LIMIT", ompThreads);
    }
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static double rate(int pages, long nanos) {
    return nanos == 0 ? 0 : pages / (nanos / 1e9);
  }
}
