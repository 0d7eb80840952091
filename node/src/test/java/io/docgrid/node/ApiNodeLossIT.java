package io.docgrid.node;

import static io.docgrid.node.GridProcesses.numberedPdf;
import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.PostgresSchema;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two API nodes share one PostgreSQL and one grid. The node that accepted and dispatched a batch of
 * jobs drops out of the grid mid-run; the other queues its jobs again at once (the grid reports the
 * loss) and runs them to the end, each exactly once.
 */
class ApiNodeLossIT {

  private static final String OCR = "{\"ocr\":\"force\",\"dpi\":150}";

  @Test
  void the_jobs_of_an_api_node_that_leaves_are_finished_by_another(@TempDir Path temp)
      throws Exception {
    try (PostgresSchema postgres = PostgresSchema.created()) {
      Path blobs = temp.resolve("blobs");
      TestNodeConfig apiOnly =
          TestNodeConfig.in(temp.resolve("a"))
              .blobs(blobs)
              .postgres(postgres)
              .maxUpload(10L << 20)
              .cluster(FreePorts.block(5));
      try (TestNode lost = apiOnly.start();
          TestNode survivor = apiOnly.sibling(temp.resolve("b")).compute(true).start()) {
        HttpApi viaSurvivor = new HttpApi("http://127.0.0.1:" + survivor.port()).as(lost.adminKey);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          HttpResponse<String> accepted =
              lost.http.submit("doc-" + i + ".pdf", numberedPdf(2, "Doc " + i + ". "), OCR);
          assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
          ids.add(json(accepted).get("id").asText());
        }
        viaSurvivor.awaitAnyJob("running", Duration.ofMinutes(2), () -> "");

        // The accepting node's grid stops without a goodbye; its HTTP side is irrelevant now.
        Ignition.stop(lost.gridName(), true);

        for (String id : ids) {
          JsonNode job = viaSurvivor.awaitFinished(id, Duration.ofMinutes(3));
          assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
          JsonNode result = json(viaSurvivor.get("/api/v1/jobs/" + id + "/result"));
          assertThat(result.get("pages"))
              .extracting(page -> page.get("number").asInt())
              .containsExactly(1, 2);
        }
        String metrics = viaSurvivor.get("/api/v1/metrics").body();
        assertThat(metrics).containsPattern("docgrid_jobs_requeued_total [1-9]");
      }
    }
  }
}
