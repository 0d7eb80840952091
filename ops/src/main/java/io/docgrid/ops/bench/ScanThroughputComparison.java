package io.docgrid.ops.bench;

import io.docgrid.ops.bench.LoadRun.Document;
import io.docgrid.ops.bench.LoadRun.Pass;
import io.docgrid.ops.bench.LoadRun.Service;
import io.docgrid.testkit.CharacterErrorRate;
import io.docgrid.testkit.Multipart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scanned pages to text and to searchable PDFs: DocGrid next to the tesseract CLI (text, one
 * process a page, {@code OMP_THREAD_LIMIT=1}) and next to OCRmyPDF (searchable PDF and its text,
 * {@code --jobs 1} a document), in one run, at several client counts, passes alternating. Each page
 * of {@code ocr-dev} is a document (its image, and the image wrapped losslessly in a one-page PDF
 * by img2pdf); the text of the last pass is scored against the page's ground truth (character error
 * rate). Run it with {@code ops/bench/vs-ocrmypdf.sh}, which starts a DocGrid node.
 *
 * <p>Arguments: {@code corpus-dir docgrid-url key-file work-dir clients passes}.
 */
public final class ScanThroughputComparison {

  private ScanThroughputComparison() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]).resolve("ocr-dev");
    String docgrid = args[1];
    String key = Files.readString(Path.of(args[2])).trim();
    Path work = Files.createDirectories(Path.of(args[3]));
    List<Integer> clientCounts = new ArrayList<>();
    for (String count : args[4].split(",")) {
      clientCounts.add(Integer.parseInt(count.trim()));
    }
    int passes = Integer.parseInt(args[5]);

    Map<Path, Path> imageToPdf = new TreeMap<>();
    try (var files = Files.list(corpus)) {
      for (Path image : files.sorted().toList()) {
        String name = image.getFileName().toString();
        if (name.endsWith(".txt") || name.endsWith(".tsv")) {
          continue;
        }
        Path pdf = work.resolve(name.replaceAll("\\.[a-z]+$", ".pdf"));
        // The pages were scanned or rendered at 300 dpi; some files do not say so themselves.
        Processes.run(
            List.of("img2pdf", "--imgsize", "300dpi", "-o", pdf.toString(), image.toString()),
            null);
        imageToPdf.put(image, pdf);
      }
    }
    List<Document> images = imageToPdf.keySet().stream().map(f -> new Document(f, 1)).toList();
    List<Document> pdfs = imageToPdf.values().stream().map(f -> new Document(f, 1)).toList();

    Texts docgridText = new Texts();
    Texts tesseractText = new Texts();
    Texts docgridPdfText = new Texts();
    Texts ocrmypdfText = new Texts();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<Comparison> comparisons =
        List.of(
            new Comparison(
                "text from page images",
                images,
                new DocGridPageText(http, docgrid, key, docgridText),
                new TesseractCli(tesseractText)),
            new Comparison(
                "searchable PDFs and their text from scanned PDFs",
                pdfs,
                new DocGridSearchablePdf(http, docgrid, key, work, docgridPdfText),
                new Ocrmypdf(work, ocrmypdfText)));

    for (Comparison comparison : comparisons) {
      System.out.println(
          "== " + comparison.what() + " (" + comparison.documents().size() + " pages)");
      for (Service service : comparison.services()) {
        // One page each first: model loading, JIT, processes started.
        LoadRun.run(service, comparison.documents().subList(0, 1), 1);
      }
      Map<String, List<Pass>> runs = new LinkedHashMap<>();
      for (int clients : clientCounts) {
        for (int pass = 0; pass < passes; pass++) {
          List<Service> order = new ArrayList<>(comparison.services());
          if (pass % 2 == 1) {
            java.util.Collections.reverse(order);
          }
          for (Service service : order) {
            Pass measured = LoadRun.run(service, comparison.documents(), clients);
            System.out.println(measured.summary());
            runs.computeIfAbsent(service.name() + "@" + clients, k -> new ArrayList<>())
                .add(measured);
          }
        }
      }
      System.out.println();
      System.out.println(
          "| service | clients | pages/s (median) | p50 ms | p95 ms | p99 ms | failed | ratio |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (int clients : clientCounts) {
        Service ours = comparison.services().get(0);
        Service theirs = comparison.services().get(1);
        double oursRate = LoadRun.medianPagesPerSecond(runs.get(ours.name() + "@" + clients));
        double theirsRate = LoadRun.medianPagesPerSecond(runs.get(theirs.name() + "@" + clients));
        for (Service service : comparison.services()) {
          Pass all = LoadRun.pooled(runs.get(service.name() + "@" + clients));
          double rate = service == ours ? oursRate : theirsRate;
          System.out.printf(
              Locale.ROOT,
              "| %s | %d | %.3f | %.0f | %.0f | %.0f | %d | %s |%n",
              service.name(),
              clients,
              rate,
              all.percentile(0.50),
              all.percentile(0.95),
              all.percentile(0.99),
              all.failed().size(),
              service == ours ? String.format(Locale.ROOT, "%.2f×", oursRate / theirsRate) : "");
        }
      }
      System.out.println();
    }

    System.out.println("Character error rate of the text, per page (last pass)");
    System.out.printf(
        "%-44s %10s %10s %10s %10s%n", "page", "DocGrid", "tesseract", "DocGrid-pdf", "OCRmyPDF");
    double[] sums = new double[4];
    int pages = 0;
    for (Path image : imageToPdf.keySet()) {
      String name = image.getFileName().toString();
      String truth =
          Files.readString(
              corpus.resolve(name.replaceAll("\\.[a-z]+$", ".gt.txt")), StandardCharsets.UTF_8);
      Path pdf = imageToPdf.get(image);
      double[] cer = {
        CharacterErrorRate.of(truth, docgridText.of(image)),
        CharacterErrorRate.of(truth, tesseractText.of(image)),
        CharacterErrorRate.of(truth, docgridPdfText.of(pdf)),
        CharacterErrorRate.of(truth, ocrmypdfText.of(pdf))
      };
      for (int i = 0; i < cer.length; i++) {
        sums[i] += cer[i];
      }
      pages++;
      System.out.printf(
          Locale.ROOT, "%-44s %10.4f %10.4f %10.4f %10.4f%n", name, cer[0], cer[1], cer[2], cer[3]);
    }
    System.out.printf(
        Locale.ROOT,
        "%-44s %10.4f %10.4f %10.4f %10.4f%n",
        "mean (" + pages + " pages)",
        sums[0] / pages,
        sums[1] / pages,
        sums[2] / pages,
        sums[3] / pages);
  }

  /** Two services on the same documents: DocGrid first, its peer second. */
  private record Comparison(String what, List<Document> documents, Service docgrid, Service peer) {
    List<Service> services() {
      return List.of(docgrid, peer);
    }
  }

  /** The last text each service read from each document. */
  private static final class Texts {
    private final Map<Path, String> byDocument = new ConcurrentHashMap<>();

    void put(Path document, String text) {
      byDocument.put(document, text);
    }

    String of(Path document) {
      return byDocument.getOrDefault(document, "");
    }
  }

  /**
   * Submits a document to DocGrid and returns its text in one round trip ({@code Prefer: wait,
   * return=representation}): the answer's body, and where the result is (Content-Location).
   */
  private static HttpResponse<String> textInOneTrip(
      HttpClient http, String base, String key, Path document) throws Exception {
    Multipart upload = Multipart.of(document, null);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs?format=text"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + key)
                .header("Prefer", "wait=60, return=representation")
                .header("Content-Type", upload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200
        || !answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
      throw new IOException("HTTP " + answer.statusCode() + " " + answer.body());
    }
    return answer;
  }

  /** A page image to text through DocGrid, in one round trip. */
  private record DocGridPageText(HttpClient http, String base, String key, Texts texts)
      implements Service {
    @Override
    public String name() {
      return "DocGrid";
    }

    @Override
    public void process(Document document) throws Exception {
      texts.put(document.file(), textInOneTrip(http, base, key, document.file()).body());
    }
  }

  /** A scanned PDF to its searchable PDF and its text through DocGrid. */
  private record DocGridSearchablePdf(
      HttpClient http, String base, String key, Path work, Texts texts) implements Service {
    @Override
    public String name() {
      return "DocGrid";
    }

    @Override
    public void process(Document document) throws Exception {
      HttpResponse<String> text = textInOneTrip(http, base, key, document.file());
      String result = text.headers().firstValue("Content-Location").orElseThrow();
      HttpResponse<Path> pdf =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base).resolve(result.replace("format=text", "format=pdf")))
                  .timeout(Duration.ofMinutes(5))
                  .header("Authorization", "Bearer " + key)
                  .build(),
              HttpResponse.BodyHandlers.ofFile(work.resolve(UUID.randomUUID() + ".pdf")));
      Files.deleteIfExists(pdf.body());
      if (pdf.statusCode() != 200) {
        throw new IOException("searchable PDF: HTTP " + pdf.statusCode());
      }
      texts.put(document.file(), text.body());
    }
  }

  /** The tesseract CLI, one process a page on one thread, Debian's {@code eng} model. */
  private record TesseractCli(Texts texts) implements Service {
    @Override
    public String name() {
      return "tesseract CLI";
    }

    @Override
    public void process(Document document) throws Exception {
      texts.put(
          document.file(),
          Processes.run(
              List.of("tesseract", document.file().toString(), "stdout", "-l", "eng"), "1"));
    }
  }

  /**
   * OCRmyPDF on its fastest settings for this job (no PDF/A conversion, no optimisation), which
   * favours it: its default adds a Ghostscript PDF/A pass.
   */
  private record Ocrmypdf(Path work, Texts texts) implements Service {
    @Override
    public String name() {
      return "OCRmyPDF";
    }

    @Override
    public void process(Document document) throws Exception {
      Path out =
          Files.createDirectories(work.resolve("ocrmypdf").resolve(UUID.randomUUID().toString()));
      Path sidecar = out.resolve("text.txt");
      Processes.run(
          List.of(
              "ocrmypdf",
              "--quiet",
              "--jobs",
              "1",
              "-l",
              "eng",
              "--output-type",
              "pdf",
              "--optimize",
              "0",
              "--sidecar",
              sidecar.toString(),
              document.file().toString(),
              out.resolve("searchable.pdf").toString()),
          "1");
      texts.put(document.file(), Files.readString(sidecar, StandardCharsets.UTF_8));
    }
  }

  /** Runs command lines to their end; a failure is an exception with its output. */
  static final class Processes {
    private Processes() {}

    /** Runs {@code command}; returns its standard output. */
    static String run(List<String> command, String ompThreads)
        throws IOException, InterruptedException {
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
      if (ompThreads != null) {
        builder.environment().put("OMP_THREAD_LIMIT", ompThreads);
      }
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed");
      }
      return output;
    }
  }
}
