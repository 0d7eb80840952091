package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.TestPages;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM drains a serve node: the document it is computing finishes before the process exits,
 * rather than being cancelled by Ignite's own shutdown hook and run again after a restart.
 */
class ServeDrainIT {

  @Test
  void sigterm_lets_the_running_document_finish_before_the_node_exits(@TempDir Path temp)
      throws Exception {
    Path data = temp.resolve("data");
    Path log = temp.resolve("serve.log");
    Random random = new Random(11);
    List<BufferedImage> pages =
        IntStream.range(0, 6).mapToObj(page -> TestPages.scan(0, 4, random)).toList();
    byte[] scan = TestPages.scannedPdf(pages);

    String jobId;
    Instant exited;
    try (ServeProcess serve = ServeProcess.start(data, log, "--shutdown-grace", "120s")) {
      HttpApi.Multipart upload = new HttpApi.Multipart().file("file", "six-pages.pdf", scan);
      // The product's own long poll as the wait: three seconds in, the job is on the grid (shown
      // running once a compute node reports it started, queued until then) and far from done.
      HttpResponse<String> accepted =
          serve.http.send(
              serve
                  .http
                  .request("/api/v1/jobs")
                  .header("Content-Type", upload.contentType())
                  .header("Prefer", "wait=3")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(upload.bytes())));
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      jobId = json(accepted).get("id").asText();
      assertThat(json(accepted).get("status").asText()).isIn("queued", "running");

      assertThat(serve.terminate(Duration.ofSeconds(150))).as(serve.tail()).isIn(0, 143);
      exited = Instant.now();
    }

    try (ServeProcess restarted = ServeProcess.start(data, log)) {
      JsonNode job = json(restarted.http.get("/api/v1/jobs/" + jobId));
      assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
      assertThat(Instant.parse(job.get("finishedAt").asText()))
          .as("finished by the node that drained, not after the restart")
          .isBefore(exited);
      assertThat(job.at("/pages/done").asInt()).isEqualTo(pages.size());
    }
    assertThat(Files.readString(log)).doesNotContain("Will cancel unfinished tasks");
  }
}
