package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.DocgridJvm;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.FreePorts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Worker processes and what tests with several of them share. */
final class GridProcesses {

  private GridProcesses() {}

  /**
   * Grid flags on free ports of their own, then {@code more}: the nodes given the same list form
   * one cluster, which meets no other.
   */
  static List<String> gridOnFreePorts(String... more) {
    List<String> flags = new ArrayList<>(DocgridJvm.gridOnFreePorts(5));
    flags.addAll(List.of(more));
    return flags;
  }

  /** {@code docgrid worker} with its data in {@code data}, its status on {@code statusPort}. */
  static List<String> workerArgs(Path data, int statusPort, List<String> flags) {
    return DocgridJvm.worker(data, statusPort, flags.toArray(String[]::new));
  }

  /** What the node whose status (or API) is on {@code port} exports at /api/v1/metrics. */
  static String metrics(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** A `docgrid worker` on the default grid ports, ready and exporting metrics. */
  static DocgridProcess worker(Path data, Path log, List<String> flags) throws Exception {
    return worker(data, log, List.of(), flags);
  }

  /** The same, in a JVM with {@code jvmOptions} added. */
  static DocgridProcess worker(Path data, Path log, List<String> jvmOptions, List<String> flags)
      throws Exception {
    int statusPort = FreePorts.block(1);
    DocgridProcess worker =
        DocgridProcess.launch(log, jvmOptions, workerArgs(data, statusPort, flags));
    worker.awaitOk("http://127.0.0.1:" + statusPort + "/api/v1/ready", Duration.ofSeconds(90));
    assertThat(metrics(statusPort)).contains("docgrid_grid_server_nodes", "jvm_memory_bytes_used");
    return worker;
  }

  /** Waits until the serve node's readiness reports {@code count} server nodes. */
  static void awaitServerNodes(ServeProcess serve, int count) throws Exception {
    Eventually.await(
        "a cluster of " + count + " server nodes",
        Duration.ofSeconds(60),
        () -> serve.http.get("/api/v1/ready").body(),
        ready -> ready.contains(count + " server nodes"));
  }

  /** A text PDF whose page N reads "This is page N of PAGES." after {@code label}. */
  static byte[] numberedPdf(int pages, String label) throws Exception {
    try (PDDocument document = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int page = 1; page <= pages; page++) {
        PDPage pdfPage = new PDPage();
        document.addPage(pdfPage);
        try (PDPageContentStream text = new PDPageContentStream(document, pdfPage)) {
          text.beginText();
          text.setFont(font, 14);
          text.newLineAtOffset(72, 700);
          text.showText(label + "This is page " + page + " of " + pages + ".");
          text.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }
}
