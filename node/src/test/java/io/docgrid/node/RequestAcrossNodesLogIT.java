package io.docgrid.node;

import static io.docgrid.node.GridProcesses.awaitServerNodes;
import static io.docgrid.node.GridProcesses.numberedPdf;
import static io.docgrid.node.GridProcesses.worker;
import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One request's story, told by the logs of every JVM it passed through: an API-only serve, a worker
 * and the worker's extraction child. Every line of every log is a JSON object (docs/logging .md),
 * and the lines carrying the request id, gathered from all of them, say who did what.
 */
class RequestAcrossNodesLogIT {

  private static final String REQUEST_ID = "story-of-one-request-1";

  /** The node's own logback.xml, not the test classpath's logback-test.xml, which takes over. */
  private static final List<String> PRODUCTION_LOGGING =
      List.of("-Dlogback.configurationFile=logback.xml");

  @Test
  void a_request_can_be_followed_across_nodes_by_its_id_in_json_logs(@TempDir Path temp)
      throws Exception {
    Path data = temp.resolve("data");
    Path serveLog = temp.resolve("serve.log");
    Path workerLog = temp.resolve("worker.log");
    List<String> grid = GridProcesses.gridOnFreePorts();
    List<String> serveFlags = new ArrayList<>(grid);
    serveFlags.addAll(List.of("--no-compute", "--node-name", "api-1"));
    List<String> workerFlags = new ArrayList<>(grid);
    workerFlags.addAll(
        List.of("--node-name", "worker-1", "--worker-heap", "256m", "--worker-processes", "1"));
    String jobId;
    String apiKey;
    try (ServeProcess serve =
            ServeProcess.startWithGridDefaults(
                data, serveLog, PRODUCTION_LOGGING, serveFlags.toArray(String[]::new));
        DocgridProcess compute = worker(data, workerLog, PRODUCTION_LOGGING, workerFlags)) {
      awaitServerNodes(serve, 2);

      HttpApi.Multipart document =
          new HttpApi.Multipart().file("file", "story.pdf", numberedPdf(2, ""));
      HttpResponse<String> finished =
          serve.http.send(
              serve
                  .http
                  .request("/api/v1/jobs")
                  .header("Content-Type", document.contentType())
                  .header("X-Request-Id", REQUEST_ID)
                  .header("Prefer", "wait=30")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(document.bytes())));
      assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
      assertThat(json(finished).get("status").asText()).isEqualTo("succeeded");
      jobId = json(finished).get("id").asText();
      apiKey = serve.http.credential();
    }

    for (Path log : List.of(serveLog, workerLog)) {
      assertThat(Files.readString(log))
          .as("what never to log, in " + log.getFileName())
          .doesNotContain(apiKey, "This is page 1 of 2");
    }

    List<JsonNode> story = new ArrayList<>();
    for (Path log : List.of(serveLog, workerLog)) {
      for (JsonNode line : jsonLines(log)) {
        if (REQUEST_ID.equals(line.path("requestId").asText(null))) {
          story.add(line);
        }
      }
    }
    assertThat(story).allSatisfy(line -> assertThat(line.path("jobId").asText()).isEqualTo(jobId));

    List<JsonNode> onApi = linesOf(story, "api-1");
    assertThat(events(onApi)).contains("job.submitted", "job.dispatched", "job.succeeded");
    String tenant =
        onApi.stream()
            .filter(line -> line.has("event"))
            .findFirst()
            .orElseThrow()
            .path("tenant")
            .asText();
    assertThat(tenant).startsWith("key:");
    assertThat(onApi).filteredOn(line -> line.has("event")).allSatisfy(inTenant(tenant));

    List<JsonNode> onWorker = linesOf(story, "worker-1");
    assertThat(events(onWorker)).contains("range.started", "range.done");
    assertThat(onWorker).allSatisfy(inTenant(tenant));

    List<JsonNode> inChild =
        story.stream()
            .filter(line -> line.path("node").asText().startsWith("worker-1/child-"))
            .toList();
    assertThat(events(inChild)).contains("child.document.done");
    assertThat(inChild).allSatisfy(inTenant(tenant));
  }

  private static ThrowingConsumer<JsonNode> inTenant(String tenant) {
    return line -> assertThat(line.path("tenant").asText()).as(line.toString()).isEqualTo(tenant);
  }

  /** Every line of a node's log, each of which must be one JSON object. */
  private static List<JsonNode> jsonLines(Path log) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode parsed;
      try {
        parsed = HttpApi.JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError(log.getFileName() + " has a line that is not JSON: " + line, e);
      }
      assertThat(parsed.isObject()).as(line).isTrue();
      assertThat(parsed.has("time") && parsed.has("level") && parsed.has("message"))
          .as(line)
          .isTrue();
      lines.add(parsed);
    }
    assertThat(lines).as(log.getFileName().toString()).isNotEmpty();
    return lines;
  }

  private static List<JsonNode> linesOf(List<JsonNode> story, String node) {
    return story.stream().filter(line -> node.equals(line.path("node").asText())).toList();
  }

  private static List<String> events(List<JsonNode> lines) {
    return lines.stream()
        .filter(line -> line.has("event"))
        .map(line -> line.get("event").asText())
        .toList();
  }
}
