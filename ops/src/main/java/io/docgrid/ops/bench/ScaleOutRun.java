package io.docgrid.ops.bench;

import io.docgrid.ops.bench.LoadRun.Document;
import io.docgrid.ops.bench.LoadRun.Pass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mixed load of the scale-out figure against one DocGrid API: born-digital PDFs, scanned pages
 * and office documents in the shares of the steady load scenario (80 %, 15 %, 5 % of documents),
 * every one processed with DocGrid's default options, at a fixed number of clients. Prints each
 * pass and the median pages/s. Run it with {@code ops/bench/scale-out.sh}, which starts the grid it
 * measures.
 *
 * <p>Arguments: {@code corpus-root docgrid-url key-file clients passes}, where corpus-root holds
 * {@code dev/} (with its MANIFEST.tsv) and {@code ocr-dev/}. A scanned page or an office document
 * counts as one page.
 */
public final class ScaleOutRun {

  private static final double BORN_DIGITAL_SHARE = 0.80;
  private static final double SCAN_SHARE = 0.15;
  private static final double OFFICE_SHARE = 0.05;

  private ScaleOutRun() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    String url = args[1];
    String key = Files.readString(Path.of(args[2])).trim();
    int clients = Integer.parseInt(args[3]);
    int passes = Integer.parseInt(args[4]);

    List<Document> mix = mixOf(corpus);
    System.out.printf(
        Locale.ROOT,
        "%d documents, %d pages: born-digital PDFs, scanned pages and office documents%n",
        mix.size(),
        mix.stream().mapToInt(Document::pages).sum());
    DocGridText docgrid = new DocGridText(url, key, null, DocGridText.Trip.SUBMIT_THEN_FETCH);
    System.out.println("warm-up: " + LoadRun.run(docgrid, mix, clients).summary());
    List<Pass> measured = new ArrayList<>();
    for (int pass = 0; pass < passes; pass++) {
      Pass run = LoadRun.run(docgrid, mix, clients);
      System.out.println(run.summary());
      measured.add(run);
    }
    Pass all = LoadRun.pooled(measured);
    System.out.printf(
        Locale.ROOT,
        "median %.1f pages/s at %d clients; p50 %.0f ms, p95 %.0f ms; failed %d%n",
        LoadRun.medianPagesPerSecond(measured),
        clients,
        all.percentile(0.50),
        all.percentile(0.95),
        all.failed().size());
    all.failed().stream().distinct().forEach(failure -> System.out.println("  " + failure));
  }

  /** Every born-digital PDF of dev/, with scans and office documents in proportion. */
  static List<Document> mixOf(Path corpus) throws IOException, InterruptedException {
    List<Document> bornDigital = TextThroughputComparison.BornDigitalPdfs.in(corpus.resolve("dev"));
    int scans = (int) Math.round(bornDigital.size() * SCAN_SHARE / BORN_DIGITAL_SHARE);
    int office = (int) Math.round(bornDigital.size() * OFFICE_SHARE / BORN_DIGITAL_SHARE);
    List<Document> mix = new ArrayList<>(bornDigital);
    mix.addAll(cycled(scannedPages(corpus.resolve("ocr-dev")), scans));
    mix.addAll(cycled(officeDocuments(corpus.resolve("dev")), office));
    return mix;
  }

  private static List<Document> scannedPages(Path ocrCorpus) throws IOException {
    try (var files = Files.list(ocrCorpus)) {
      return files
          .filter(f -> f.toString().matches(".*\\.(tif|tiff|png|jpg|jpeg)$"))
          .sorted()
          .map(f -> new Document(f, 1))
          .toList();
    }
  }

  private static List<Document> officeDocuments(Path corpus) throws IOException {
    List<String> lines = Files.readAllLines(corpus.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split("\t", -1));
    int file = header.indexOf("file");
    int mime = header.indexOf("mime");
    List<Document> office = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] row = line.split("\t", -1);
      if (row[mime].contains("officedocument") || row[mime].contains("opendocument")) {
        office.add(new Document(corpus.resolve(row[file]), 1));
      }
    }
    return office;
  }

  private static List<Document> cycled(List<Document> documents, int count) {
    List<Document> taken = new ArrayList<>();
    for (int i = 0; i < count && !documents.isEmpty(); i++) {
      taken.add(documents.get(i % documents.size()));
    }
    return taken;
  }
}
