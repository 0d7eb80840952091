package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draining a worker, with separate processes: while a long job runs on serve and worker, {@code
 * docgrid admin nodes drain} stops new grid jobs going to the worker; the job still succeeds, the
 * worker leaves and exits 0, and the next job runs on the serve node alone.
 */
class DrainNodeIT {

  private static final int PAGES = 24;

  @Test
  void a_drained_worker_finishes_its_jobs_leaves_and_gets_no_new_ones(@TempDir Path temp)
      throws Exception {
    Path data = temp.resolve("data");
    List<String> grid =
        GridProcesses.gridOnFreePorts("--worker-heap", "256m", "--worker-processes", "1");
    List<String> serveArgs = new ArrayList<>(grid);
    serveArgs.addAll(List.of("--pages-per-job", "2"));
    try (ServeProcess serve =
        ServeProcess.startWithGridDefaults(
            data, temp.resolve("serve.log"), serveArgs.toArray(String[]::new))) {
      try (DocgridProcess worker = GridProcesses.worker(data, temp.resolve("worker.log"), grid)) {
        JsonNode nodes = json(serve.http.get("/api/v1/cluster")).get("nodes");
        assertThat(nodes).hasSize(2);
        String serveId = idOf(nodes, true);
        String workerId = idOf(nodes, false);

        // OCR makes each two-page range take a while, so the worker is busy when it is drained.
        String options = "{\"ocr\":\"force\",\"dpi\":150}";
        String first = submit(serve, options);
        JsonNode started = serve.http.awaitPagesDone(first, 2, Duration.ofMinutes(2));
        assertThat(started.get("status").asText()).as(serve.tail()).isEqualTo("running");

        CommandRun drain = admin(serve, "admin", "nodes", "drain", workerId);
        assertThat(drain.exitCode()).as(drain.err()).isZero();
        assertThat(drain.out()).contains("Draining node " + workerId);
        // Its queue of ranges keeps it busy for a while yet, and it stays a few quiet seconds more.
        JsonNode drained = json(serve.http.get("/api/v1/cluster")).get("nodes");
        assertThat(nodeWithId(drained, workerId).get("draining").asBoolean()).isTrue();
        assertThat(nodeWithId(drained, serveId).get("draining").asBoolean()).isFalse();
        assertThat(admin(serve, "admin", "cluster", "status").out()).contains("draining");
        // Submitted while the worker is still in the cluster, draining: none of it goes there.
        String during = submit(serve, "{\"ocr\":\"off\"}");

        JsonNode job = serve.http.awaitFinished(first, Duration.ofMinutes(4));
        assertThat(job.get("status").asText()).as(job + serve.tail()).isEqualTo("succeeded");
        JsonNode result = json(serve.http.get("/api/v1/jobs/" + first + "/result"));
        assertThat(result.get("pages")).hasSize(PAGES);
        assertThat(result.at("/manifest/nodeIds")).extracting(JsonNode::asText).contains(workerId);

        Integer exitCode = worker.awaitExit(Duration.ofMinutes(2));
        assertThat(exitCode).as("the worker still runs:\n" + worker.tail()).isEqualTo(0);
        assertThat(worker.output()).contains("draining", "worker stopped");
        assertThat(json(serve.http.get("/api/v1/cluster")).get("nodes")).hasSize(1);

        for (String next : List.of(during, submit(serve, "{\"ocr\":\"off\"}"))) {
          JsonNode done = serve.http.awaitFinished(next, Duration.ofMinutes(2));
          assertThat(done.get("status").asText()).as(done + serve.tail()).isEqualTo("succeeded");
          JsonNode nextResult = json(serve.http.get("/api/v1/jobs/" + next + "/result"));
          assertThat(nextResult.at("/manifest/nodeIds"))
              .extracting(JsonNode::asText)
              .containsExactly(serveId);
        }
      }
    }
  }

  private static String submit(ServeProcess serve, String options) throws Exception {
    HttpResponse<String> accepted =
        serve.http.submit("long.pdf", GridProcesses.numberedPdf(PAGES, ""), options);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json(accepted).get("id").asText();
  }

  private static String idOf(JsonNode nodes, boolean local) {
    for (JsonNode node : nodes) {
      if (node.get("local").asBoolean() == local) {
        return node.get("id").asText();
      }
    }
    throw new AssertionError("no " + (local ? "local" : "remote") + " node in " + nodes);
  }

  private static JsonNode nodeWithId(JsonNode nodes, String id) {
    for (JsonNode node : nodes) {
      if (node.get("id").asText().equals(id)) {
        return node;
      }
    }
    throw new AssertionError("no node " + id + " in " + nodes);
  }

  private static CommandRun admin(ServeProcess serve, String... args) {
    return CommandRun.of(
        Map.of("DOCGRID_URL", serve.http.base, "DOCGRID_API_KEY", serve.http.credential()), args);
  }
}
