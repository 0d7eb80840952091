package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.TestPages;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DELETE on a job: cancels it while queued or running, purges it once finished. */
class CancelJobTest {

  private static final int SCANNED_PAGES = 24;

  @Test
  void a_queued_job_is_cancelled_and_other_tenants_cannot(@TempDir Path temp) throws Exception {
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).start()) {
      String id = json(node.http.submit("a.txt", "waiting".getBytes(), null)).get("id").asText();
      HttpApi other = node.http.withNewKey("other", "STANDARD");
      problem(other.delete("/api/v1/jobs/" + id), 404, "NOT_FOUND");

      HttpResponse<String> cancelled = node.http.delete("/api/v1/jobs/" + id);

      assertThat(cancelled.statusCode()).isEqualTo(200);
      assertThat(json(cancelled).get("status").asText()).isEqualTo("cancelled");
      problem(node.http.get("/api/v1/jobs/" + id + "/result"), 409, "JOB_FAILED");
      assertThat(node.http.delete("/api/v1/jobs/" + id).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_running_job_stops_within_a_few_pages_and_a_finished_one_is_purged(@TempDir Path temp)
      throws Exception {
    try (TestNode node =
        TestNodeConfig.in(temp.resolve("data")).compute(true).maxUpload(50 << 20).start()) {
      Random random = new Random(11);
      List<BufferedImage> scans = new ArrayList<>();
      for (int i = 0; i < SCANNED_PAGES; i++) {
        scans.add(TestPages.scan(0, 4, random));
      }
      String id =
          json(node.http.submit("scan.pdf", TestPages.scannedPdf(scans), null)).get("id").asText();
      int doneAtCancel =
          node.http.awaitPagesDone(id, 2, Duration.ofMinutes(2)).at("/pages/done").asInt();
      assertThat(doneAtCancel).as("pages done before the job ended").isGreaterThanOrEqualTo(2);

      JsonNode cancelled = json(node.http.delete("/api/v1/jobs/" + id));
      assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");

      // The grid drops the waiting ranges and interrupts the running ones at once; without the
      // cancel, the remaining ~20 OCR pages would keep both slots busy for ten seconds or more.
      Eventually.await(
          "no grid jobs left", Duration.ofSeconds(3), () -> gridJobs(node.http), jobs -> jobs == 0);
      JsonNode after = json(node.http.get("/api/v1/jobs/" + id));
      assertThat(after.get("status").asText()).isEqualTo("cancelled");
      // At most the two ranges (three pages each) that were running may still have reported.
      assertThat(after.at("/pages/done").asInt()).isLessThanOrEqualTo(doneAtCancel + 6);
      assertThat(after.at("/pages/done").asInt()).isLessThan(SCANNED_PAGES);

      // The compute node is free again: a small job goes through, and is purged on request.
      HttpResponse<String> accepted = node.http.submit("n.txt", "after".getBytes(), null);
      String next = json(accepted).get("id").asText();
      assertThat(node.http.awaitFinished(next, Duration.ofSeconds(60)).get("status").asText())
          .isEqualTo("succeeded");
      JsonNode purged = json(node.http.delete("/api/v1/jobs/" + next));
      assertThat(purged.get("status").asText()).isEqualTo("succeeded");
      assertThat(purged.get("purgedAt").isNull()).isFalse();
      problem(node.http.get("/api/v1/jobs/" + next + "/result"), 410, "RESULT_EXPIRED");
    }
  }

  /** Grid jobs running or waiting on the node. */
  private static int gridJobs(HttpApi api) throws Exception {
    String metrics = api.get("/api/v1/metrics").body();
    return gauge(metrics, "docgrid_grid_jobs_running")
        + gauge(metrics, "docgrid_grid_jobs_waiting");
  }

  private static int gauge(String metrics, String name) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToInt(line -> (int) Double.parseDouble(line.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing"));
  }
}
