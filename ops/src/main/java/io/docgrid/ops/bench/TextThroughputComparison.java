package io.docgrid.ops.bench;

import io.docgrid.ops.bench.LoadRun.Document;
import io.docgrid.ops.bench.LoadRun.Pass;
import io.docgrid.ops.bench.LoadRun.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Born-digital documents to text: DocGrid next to Apache Tika Server on the same files, in one run,
 * at several client counts, with the services' passes alternating so that neither always runs on a
 * warmer or quieter machine. Prints every pass, then per client count the median pages/s, the
 * latency percentiles over every measured document, and DocGrid's ratio to Tika. Run it with {@code
 * ops/bench/vs-tika.sh}, which starts both services.
 *
 * <p>Arguments: {@code corpus-dir tika-url docgrid-url key-file clients passes [docgrid-options]},
 * e.g. {@code ../shared/corpus/dev http://127.0.0.1:9998 http://127.0.0.1:8080 key 1,4,16 3}.
 */
public final class TextThroughputComparison {

  private TextThroughputComparison() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    String tikaUrl = args[1];
    String docgridUrl = args[2];
    String key = Files.readString(Path.of(args[3])).trim();
    List<Integer> clientCounts = new ArrayList<>();
    for (String count : args[4].split(",")) {
      clientCounts.add(Integer.parseInt(count.trim()));
    }
    int passes = Integer.parseInt(args[5]);
    String options = args.length > 6 && !args[6].isBlank() ? args[6] : null;

    List<Document> documents = BornDigitalPdfs.in(corpus);
    int pages = documents.stream().mapToInt(Document::pages).sum();
    System.out.printf(
        Locale.ROOT,
        "%d PDFs, %d pages, from %s; DocGrid options: %s%n",
        documents.size(),
        pages,
        corpus,
        options == null ? "(defaults)" : options);

    List<Service> services =
        List.of(
            new TikaServerText(tikaUrl),
            new DocGridText(docgridUrl, key, options, DocGridText.Trip.SUBMIT_THEN_FETCH),
            new DocGridText(docgridUrl, key, options, DocGridText.Trip.ONE_ROUND_TRIP));

    System.out.println("warm-up: one pass of each service at 4 clients");
    for (Service service : services) {
      System.out.println("  " + LoadRun.run(service, documents, 4).summary());
    }

    Map<String, List<Pass>> byServiceAndClients = new LinkedHashMap<>();
    for (int clients : clientCounts) {
      for (int pass = 0; pass < passes; pass++) {
        // Alternate the order, so that no service always follows the same one.
        List<Service> order = new ArrayList<>(services);
        if (pass % 2 == 1) {
          java.util.Collections.reverse(order);
        }
        for (Service service : order) {
          Pass measured = LoadRun.run(service, documents, clients);
          System.out.println(measured.summary());
          byServiceAndClients
              .computeIfAbsent(service.name() + "@" + clients, k -> new ArrayList<>())
              .add(measured);
        }
      }
    }

    System.out.println();
    System.out.println(
        "| service | clients | pages/s (median of "
            + passes
            + ") | p50 ms | p95 ms | p99 ms | failed | pages/s ÷ Tika |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int clients : clientCounts) {
      double tika =
          LoadRun.medianPagesPerSecond(
              byServiceAndClients.get(services.get(0).name() + "@" + clients));
      for (Service service : services) {
        List<Pass> runs = byServiceAndClients.get(service.name() + "@" + clients);
        Pass all = LoadRun.pooled(runs);
        double median = LoadRun.medianPagesPerSecond(runs);
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %.1f | %.1f | %.1f | %.1f | %d | %.2f× |%n",
            service.name(),
            clients,
            median,
            all.percentile(0.50),
            all.percentile(0.95),
            all.percentile(0.99),
            all.failed().size(),
            median / tika);
      }
    }

    reportUnread(byServiceAndClients, services);
  }

  /** Files that Tika read and a DocGrid row did not, which the comparison must not have. */
  private static void reportUnread(Map<String, List<Pass>> passes, List<Service> services) {
    TreeSet<String> tikaFailed = new TreeSet<>();
    Map<String, TreeSet<String>> failed = new LinkedHashMap<>();
    passes.forEach(
        (key, runs) -> {
          String service = key.substring(0, key.lastIndexOf('@'));
          for (Pass run : runs) {
            for (String failure : run.failed()) {
              String file = failure.substring(0, failure.indexOf(':'));
              if (service.equals(services.get(0).name())) {
                tikaFailed.add(file);
              } else {
                failed.computeIfAbsent(service, s -> new TreeSet<>()).add(failure);
              }
            }
          }
        });
    System.out.println();
    System.out.println(
        "files Tika could not read: " + (tikaFailed.isEmpty() ? "none" : tikaFailed));
    failed.forEach(
        (service, failures) -> {
          List<String> readByTika =
              failures.stream()
                  .filter(f -> !tikaFailed.contains(f.substring(0, f.indexOf(':'))))
                  .toList();
          System.out.println(
              service
                  + ": files Tika read and this did not: "
                  + (readByTika.isEmpty() ? "none" : readByTika));
        });
  }

  /** The born-digital PDFs of a corpus directory, with their page counts. */
  static final class BornDigitalPdfs {
    private BornDigitalPdfs() {}

    /**
     * With a {@code MANIFEST.tsv} (file, …, mime, pages, notes), its PDFs noted neither as
     * encrypted nor as image-only (scans, which DocGrid reads with OCR and Tika Server without it
     * returns empty), and their listed page counts; without one, every {@code *.pdf}, counted by
     * {@code pdfinfo}.
     */
    static List<Document> in(Path corpus) throws IOException, InterruptedException {
      Path manifest = corpus.resolve("MANIFEST.tsv");
      List<Document> documents = new ArrayList<>();
      if (Files.exists(manifest)) {
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int file = header.indexOf("file");
        int mime = header.indexOf("mime");
        int pages = header.indexOf("pages");
        int notes = header.indexOf("notes");
        for (String line : lines.subList(1, lines.size())) {
          String[] row = line.split("\t", -1);
          if (row[mime].equals("application/pdf")
              && !row[notes].contains("encrypted")
              && !row[notes].contains("image-only")
              && !row[pages].isBlank()) {
            documents.add(
                new Document(corpus.resolve(row[file]), Integer.parseInt(row[pages].trim())));
          }
        }
        return documents;
      }
      try (var files = Files.list(corpus)) {
        for (Path pdf : files.filter(f -> f.toString().endsWith(".pdf")).sorted().toList()) {
          Integer pages = PdfInfo.pages(pdf);
          if (pages != null) {
            documents.add(new Document(pdf, pages));
          }
        }
      }
      return documents;
    }
  }
}
