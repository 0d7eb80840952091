package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Corpus;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost: a job queued when `serve` is killed with SIGKILL finishes after a
 * restart on the same data directory, and finished jobs and results survive a graceful restart.
 * Separate processes, because the point is a process dying.
 */
class CrashRecoveryIT {

  @TempDir Path temp;

  @Test
  void a_job_queued_before_a_kill_finishes_after_the_restart_and_results_survive()
      throws Exception {
    Path dataDir = temp.resolve("data");
    Path log = temp.resolve("serve.log");
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    String jobId;

    // 1. An API-only node accepts the job; with no compute node it stays queued. Then SIGKILL.
    try (ServeProcess first = ServeProcess.start(dataDir, log, "--no-compute")) {
      HttpResponse<String> accepted =
          first.http.submit("four-pages.pdf", Files.readAllBytes(pdf), "{\"ocr\":\"auto\"}");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      jobId = json(accepted).get("id").asText();
      assertThat(json(first.http.get("/api/v1/jobs/" + jobId)).get("status").asText())
          .isEqualTo("queued");
      first.kill();
    }

    // 2. A full node on the same data directory picks the job up and finishes it.
    try (ServeProcess second = ServeProcess.start(dataDir, log)) {
      JsonNode job = second.http.awaitFinished(jobId, Duration.ofSeconds(90));
      assertThat(job.get("status").asText()).as(second.tail()).isEqualTo("succeeded");
      assertThat(job.at("/document/pageCount").asInt()).isEqualTo(4);
      assertThat(second.terminate(Duration.ofSeconds(60))).isIn(0, 143);
    }

    // 3. After a graceful stop and another start, the job and its result are still there.
    try (ServeProcess third = ServeProcess.start(dataDir, log)) {
      assertThat(json(third.http.get("/api/v1/jobs/" + jobId)).get("status").asText())
          .isEqualTo("succeeded");
      JsonNode result = json(third.http.get("/api/v1/jobs/" + jobId + "/result"));
      List<String> expected = DirectExtraction.pdfPages(pdf);
      assertThat(result.get("pages")).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(result.get("pages").get(i).get("text").asText()).isEqualTo(expected.get(i));
      }
    }
  }
}
