package io.docgrid.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Scanned PDFs in, searchable PDFs and text out: a running DocGrid node next to OCRmyPDF on the
 * same PDFs, in one run. Each scanned page of {@code ocr-dev} is wrapped in a PDF at its own
 * resolution (img2pdf, lossless); both sides then make a searchable PDF and its text, and the text
 * is scored against the page's ground truth. Both use two cores: OCRmyPDF as two processes of one
 * job each, DocGrid as one node with every document submitted at once. Run it with {@code
 * ops/bench/vs-ocrmypdf.sh}, which starts the node.
 */
public final class OcrmypdfComparison {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARALLEL = 2;

  private final Path corpus;
  private final String base;
  private final String key;
  private final Path work;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private OcrmypdfComparison(Path corpus, String base, String key, Path work) {
    this.corpus = corpus;
    this.base = base;
    this.key = key;
    this.work = work;
  }

  /** Arguments: corpus directory, DocGrid base URL, file holding an API key, work directory. */
  public static void main(String[] args) throws Exception {
    OcrmypdfComparison comparison =
        new OcrmypdfComparison(
            Path.of(args[0]), args[1], Files.readString(Path.of(args[2])).trim(), Path.of(args[3]));
    comparison.run();
  }

  private void run() throws Exception {
    Map<String, Path> scans = scannedPdfs();
    Path warmUp = scans.values().iterator().next();
    ocrmypdf(warmUp, "warm-up");
    docgrid(warmUp, null);

    long started = System.nanoTime();
    Map<String, Output> theirs = inParallel(scans, PARALLEL, pdf -> ocrmypdf(pdf, uniqueRun()));
    double theirSeconds = (System.nanoTime() - started) / 1e9;

    started = System.nanoTime();
    Map<String, Output> ours = inParallel(scans, scans.size(), pdf -> docgrid(pdf, null));
    double ourSeconds = (System.nanoTime() - started) / 1e9;

    System.out.println(
        "Character error rate, DocGrid | OCRmyPDF: of the text; of the searchable PDF's text layer"
            + " in its own order (pdftotext -raw); and as pdftotext lays the page out");
    System.out.printf(
        "%-44s %8s %8s | %8s %8s | %8s %8s%n",
        "page", "text", "text", "raw", "raw", "layout", "layout");
    double[] sums = new double[6];
    for (String name : scans.keySet()) {
      String truth = Files.readString(groundTruthOf(name), StandardCharsets.UTF_8);
      Output our = ours.get(name);
      Output their = theirs.get(name);
      double[] cer = {
        EditDistance.characterErrorRate(truth, our.text()),
        EditDistance.characterErrorRate(truth, their.text()),
        EditDistance.characterErrorRate(truth, textLayerOf(our.pdf(), true)),
        EditDistance.characterErrorRate(truth, textLayerOf(their.pdf(), true)),
        EditDistance.characterErrorRate(truth, textLayerOf(our.pdf(), false)),
        EditDistance.characterErrorRate(truth, textLayerOf(their.pdf(), false))
      };
      for (int i = 0; i < cer.length; i++) {
        sums[i] += cer[i];
      }
      System.out.printf(Locale.ROOT, "%-44s %s%n", name, columns(cer));
    }
    int pages = scans.size();
    for (int i = 0; i < sums.length; i++) {
      sums[i] /= pages;
    }
    System.out.printf(Locale.ROOT, "%-44s %s%n", "mean (" + pages + " pages)", columns(sums));
    System.out.printf(
        Locale.ROOT,
        "%-44s %10.3f %10.3f%n",
        "pages/s, searchable PDF and text",
        pages / ourSeconds,
        pages / theirSeconds);
    System.out.printf(
        Locale.ROOT,
        "DocGrid throughput / OCRmyPDF throughput: %.2f (%.1f s vs %.1f s)%n",
        theirSeconds / ourSeconds,
        ourSeconds,
        theirSeconds);
  }

  /** Each ocr-dev image as a one-page PDF, by image name. */
  private Map<String, Path> scannedPdfs() throws IOException, InterruptedException {
    Map<String, Path> pdfs = new TreeMap<>();
    Path directory = Files.createDirectories(work.resolve("scans"));
    try (var images = Files.list(corpus.resolve("ocr-dev"))) {
      for (Path image : images.sorted().toList()) {
        String name = image.getFileName().toString();
        if (name.endsWith(".txt") || name.endsWith(".tsv")) {
          continue;
        }
        Path pdf = directory.resolve(name.replaceAll("\\.[a-z]+$", ".pdf"));
        // The pages were scanned or rendered at 300 dpi; some files do not say so themselves.
        Processes.run(
            List.of("img2pdf", "--imgsize", "300dpi", "-o", pdf.toString(), image.toString()),
            null);
        pdfs.put(name, pdf);
      }
    }
    return pdfs;
  }

  private Path groundTruthOf(String image) {
    return corpus.resolve("ocr-dev").resolve(image.replaceAll("\\.[a-z]+$", ".gt.txt"));
  }

  /** What one side made of a scanned PDF: its text, and its searchable PDF. */
  private record Output(String text, Path pdf) {}

  private static String uniqueRun() {
    return UUID.randomUUID().toString();
  }

  private static String columns(double[] values) {
    return String.format(
        Locale.ROOT,
        "%8.4f %8.4f | %8.4f %8.4f | %8.4f %8.4f",
        values[0],
        values[1],
        values[2],
        values[3],
        values[4],
        values[5]);
  }

  /**
   * The text a PDF reader finds in {@code pdf}, as pdftotext extracts it: in the order the PDF
   * holds it ({@code raw}), or as pdftotext reconstructs the page's layout from the positions.
   */
  private static String textLayerOf(Path pdf, boolean raw)
      throws IOException, InterruptedException {
    Path text = Files.createTempFile("text-layer", ".txt");
    try {
      List<String> command = new ArrayList<>(List.of("pdftotext", "-enc", "UTF-8"));
      if (raw) {
        command.add("-raw");
      }
      command.addAll(List.of(pdf.toString(), text.toString()));
      Processes.run(command, null);
      return Files.readString(text, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(text);
    }
  }

  /**
   * OCRmyPDF on its fastest settings for this job (no PDF/A conversion, no optimisation), which
   * favours it: its default adds a Ghostscript PDF/A pass.
   */
  private Output ocrmypdf(Path pdf, String run) throws IOException, InterruptedException {
    Path out = Files.createDirectories(work.resolve("ocrmypdf").resolve(run));
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
            pdf.toString(),
            out.resolve("searchable.pdf").toString()),
        "1");
    return new Output(
        Files.readString(sidecar, StandardCharsets.UTF_8), out.resolve("searchable.pdf"));
  }

  /** Submits the PDF, waits for it, fetches the searchable PDF and returns the text. */
  private Output docgrid(Path pdf, String options) throws IOException, InterruptedException {
    String boundary = "----bench" + UUID.randomUUID();
    byte[] body = multipart(boundary, pdf, options);
    HttpResponse<String> submitted =
        http.send(
            request("/api/v1/jobs")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (submitted.statusCode() != 202 && submitted.statusCode() != 200) {
      throw new IOException(pdf + ": HTTP " + submitted.statusCode() + " " + submitted.body());
    }
    String id = JSON.readTree(submitted.body()).get("id").asText();
    awaitSucceeded(id);
    HttpResponse<byte[]> searchable =
        http.send(
            request("/api/v1/jobs/" + id + "/result?format=pdf").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (searchable.statusCode() != 200) {
      throw new IOException(pdf + ": searchable PDF: HTTP " + searchable.statusCode());
    }
    Path searchablePdf = Files.write(work.resolve(id + ".pdf"), searchable.body());
    String text =
        http.send(
                request("/api/v1/jobs/" + id + "/result?format=text").build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return new Output(text, searchablePdf);
  }

  private void awaitSucceeded(String id) throws IOException, InterruptedException {
    while (true) {
      HttpResponse<String> response =
          http.send(
              request("/api/v1/jobs/" + id).header("Prefer", "wait=30").build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode job = JSON.readTree(response.body());
      String status = job.path("status").asText();
      if (status.equals("succeeded")) {
        return;
      }
      if (status.equals("failed") || status.equals("cancelled")) {
        throw new IOException("job " + id + " " + status + ": " + job.path("error"));
      }
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(5))
        .header("Authorization", "Bearer " + key);
  }

  private static byte[] multipart(String boundary, Path pdf, String options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + pdf.getFileName()
                + "\"\r\nContent-Type: application/pdf\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Files.readAllBytes(pdf));
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    if (options != null) {
      out.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"options\"\r\n\r\n"
                  + options
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private interface Side {
    Output apply(Path pdf) throws IOException, InterruptedException;
  }

  private static Map<String, Output> inParallel(Map<String, Path> pdfs, int threads, Side side)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Map<String, Future<Output>> pending = new TreeMap<>();
      pdfs.forEach((name, pdf) -> pending.put(name, pool.submit(() -> side.apply(pdf))));
      Map<String, Output> texts = new TreeMap<>();
      for (var entry : pending.entrySet()) {
        texts.put(entry.getKey(), entry.getValue().get(10, TimeUnit.MINUTES));
      }
      return texts;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs a command line to its end; a failure is an exception with its output. */
  private static final class Processes {
    static void run(List<String> command, String ompThreads)
        throws IOException, InterruptedException {
      ProcessBuilder builder =
          new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
      if (ompThreads != null) {
        builder.environment().put("OMP_THREAD_LIMIT", ompThreads);
      }
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
    }
  }
}
