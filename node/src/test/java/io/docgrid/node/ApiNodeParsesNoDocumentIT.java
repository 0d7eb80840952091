package io.docgrid.node;

import static io.docgrid.node.GridProcesses.awaitServerNodes;
import static io.docgrid.node.GridProcesses.numberedPdf;
import static io.docgrid.node.GridProcesses.worker;
import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Untrusted bytes are parsed only behind the isolation boundary: an API-only node in a JVM of its
 * own takes hostile documents, which fail as coded job errors on the worker that parses them, while
 * the API node keeps serving. Its JVM's class-loading log proves it never even loaded a document
 * parser: no PDFBox, no POI, no Tika parser, no zip reader of Commons Compress, not even to show a
 * page as an image, which the worker's extraction child draws.
 */
class ApiNodeParsesNoDocumentIT {

  private static final Duration BOUND = Duration.ofMinutes(2);
  private static final List<String> PARSER_PACKAGES =
      List.of(
          "org.apache.pdfbox.",
          "org.apache.fontbox.",
          "org.apache.poi.",
          "org.apache.tika.parser.",
          "org.apache.commons.compress.");

  @Test
  void hostile_documents_fail_as_job_errors_and_the_api_node_loads_no_parser_even_for_dry_runs(
      @TempDir Path temp) throws Exception {
    Path data = temp.resolve("data");
    Path classes = temp.resolve("classes.log");
    List<String> grid = GridProcesses.gridOnFreePorts();
    List<String> workerFlags = new ArrayList<>(grid);
    workerFlags.addAll(List.of("--worker-heap", "256m", "--worker-processes", "1"));
    List<String> serveFlags = new ArrayList<>(grid);
    serveFlags.add("--no-compute");
    try (ServeProcess api =
            ServeProcess.startWithGridDefaults(
                data,
                temp.resolve("serve.log"),
                List.of("-Xlog:class+load=info:file=" + classes),
                serveFlags.toArray(String[]::new));
        DocgridProcess compute = worker(data, temp.resolve("worker.log"), workerFlags)) {
      awaitServerNodes(api, 2);

      Map<String, String> expectedCodes =
          Map.of(
              "loop.pdf", "DOCUMENT_CORRUPT",
              "long.pdf", "TOO_MANY_PAGES",
              "cut.pdf", "DOCUMENT_CORRUPT",
              "giant.png", "IMAGE_TOO_LARGE");
      Map<String, byte[]> documents =
          Map.of(
              "loop.pdf",
              HostileDocuments.pageTreeLoopPdf(),
              "long.pdf",
              HostileDocuments.manyPagesPdf(10_000),
              "cut.pdf",
              HostileDocuments.truncated(Files.readAllBytes(Corpus.dev("pdfbox__cweb.pdf")), 4000),
              "giant.png",
              HostileDocuments.giantPng());
      for (Map.Entry<String, byte[]> document : documents.entrySet()) {
        HttpResponse<String> accepted =
            api.http.submit(document.getKey(), document.getValue(), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = api.http.awaitFinished(json(accepted).get("id").asText(), BOUND);
        assertThat(job.get("status").asText()).as(document.getKey()).isEqualTo("failed");
        assertThat(job.at("/error/code").asText())
            .as(document.getKey() + ": " + job)
            .isEqualTo(expectedCodes.get(document.getKey()));
      }

      // Still serving, and still processing: a good document after the hostile ones.
      assertThat(api.http.get("/api/v1/health").statusCode()).isEqualTo(200);
      HttpResponse<String> good = api.http.submit("fine.pdf", numberedPdf(3, ""), null);
      JsonNode job = api.http.awaitFinished(json(good).get("id").asText(), BOUND);
      assertThat(job.get("status").asText()).isEqualTo("succeeded");
      assertThat(job.at("/document/pageCount").asInt()).isEqualTo(3);

      // Its pages are drawn as images by the worker's extraction child, and only passed on here.
      String goodId = job.get("id").asText();
      HttpResponse<byte[]> page =
          api.http.getBytes("/api/v1/jobs/" + goodId + "/pages/2/image?width=400");
      assertThat(page.statusCode()).as(new String(page.body())).isEqualTo(200);
      BufferedImage image = TestPages.decoded(page.body());
      assertThat(image.getWidth()).isEqualTo(400);
      assertThat(TestPages.darkShare(image)).as("ink on the page").isPositive().isLessThan(0.5);
      assertThat(Files.readAllLines(temp.resolve("worker.log")))
          .as("the extraction child's log line for the page image")
          .anySatisfy(
              line -> assertThat(line).contains("ExtractionWorkerMain", goodId, "PageImage done"));

      // Dry runs look at documents on the compute node too: the API node still parses none.
      HttpApi.Multipart dryLong =
          new HttpApi.Multipart().file("file", "long.pdf", HostileDocuments.manyPagesPdf(10_000));
      HttpApi.problem(
          api.http.post("/api/v1/jobs?dryRun=true", dryLong.contentType(), dryLong.bytes(), null),
          422,
          "TOO_MANY_PAGES");
      HttpApi.Multipart dryFine =
          new HttpApi.Multipart().file("file", "fine.pdf", numberedPdf(5, ""));
      HttpResponse<String> dry =
          api.http.post("/api/v1/jobs?dryRun=true", dryFine.contentType(), dryFine.bytes(), null);
      assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
      assertThat(json(dry).at("/document/pageCount").asInt()).isEqualTo(5);

      String loaded = Files.readString(classes);
      assertThat(loaded).contains("io.docgrid.api.jobs.JobService", "io.docgrid.api.jobs.DryRuns");
      for (String parser : PARSER_PACKAGES) {
        assertThat(loaded)
            .as("classes of " + parser + " loaded by the API node")
            .doesNotContain(parser);
      }
    }
  }
}
