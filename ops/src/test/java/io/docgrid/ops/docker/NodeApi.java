package io.docgrid.ops.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.testkit.Multipart;
import io.docgrid.testkit.ServedSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of a node in a container: the API of `serve`, or a worker's status endpoint. The
 * API's answers are checked against the OpenAPI description it serves, as the end-to-end suites
 * check theirs: the image must answer as the description says too.
 */
final class NodeApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LONG_POLL = Duration.ofSeconds(30);

  private final int port;
  private final String key;
  private final ServedSpec spec;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private NodeApi(int port, String key, ServedSpec spec) {
    this.port = port;
    this.key = key;
    this.spec = spec;
  }

  /** The API of `serve` on 127.0.0.1:{@code port}, called without a key. */
  static NodeApi ofServe(int port) {
    return new NodeApi(port, null, new ServedSpec("http://127.0.0.1:" + port));
  }

  /** A worker's status endpoint on 127.0.0.1:{@code port}: health and metrics, no description. */
  static NodeApi ofWorker(int port) {
    return new NodeApi(port, null, null);
  }

  /** The same node, called with {@code key} as bearer. */
  NodeApi withKey(String key) {
    return new NodeApi(port, key, spec);
  }

  /** GET {@code path}; null while the node does not accept connections. */
  HttpResponse<String> get(String path) throws InterruptedException {
    try {
      return send(request(path).build());
    } catch (IOException refused) {
      return null;
    }
  }

  /** Whether {@code path} answers 200 with a body that contains {@code text}. */
  boolean answers(String path, String text) throws InterruptedException {
    HttpResponse<String> response = get(path);
    return response != null && response.statusCode() == 200 && response.body().contains(text);
  }

  JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = send(request(path).build());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + path + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Submits a document with the default options and returns the new job's id. */
  String submit(String fileName, byte[] content) throws Exception {
    return submit(fileName, content, null);
  }

  /** Submits a document with {@code options} (JSON, or null) and returns the new job's id. */
  String submit(String fileName, byte[] content, String options) throws Exception {
    Multipart body = Multipart.of(fileName, content, options);
    HttpResponse<String> response =
        send(
            request("/api/v1/jobs")
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.body()))
                .build());
    if (response.statusCode() != 202) {
      throw new AssertionError("submitting " + fileName + ": " + response.body());
    }
    return JSON.readTree(response.body()).get("id").asText();
  }

  /** The job once it is final, waited for with long polls; fails after {@code timeout}. */
  JsonNode awaitFinished(String id, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      HttpResponse<String> response =
          send(
              request("/api/v1/jobs/" + id)
                  .header("Prefer", "wait=" + LONG_POLL.toSeconds())
                  .timeout(LONG_POLL.plusSeconds(10))
                  .build());
      JsonNode job = JSON.readTree(response.body());
      String status = job.path("status").asText();
      if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + id + " did not finish in " + timeout + ": " + job);
      }
    }
  }

  /** The sum of a Prometheus metric's samples whose labels contain {@code labels}. */
  double metric(String name, String labels) throws Exception {
    HttpResponse<String> response = get("/api/v1/metrics");
    if (response == null || response.statusCode() != 200) {
      throw new AssertionError("no metrics on port " + port);
    }
    Matcher sample =
        Pattern.compile("^" + name + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
            .matcher(response.body());
    double total = 0;
    while (sample.find()) {
      if (labels.isEmpty() || (sample.group(1) != null && sample.group(1).contains(labels))) {
        total += Double.parseDouble(sample.group(2));
      }
    }
    return total;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  /** Sends {@code request}; an API's answer must be one its description declares. */
  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (spec != null) {
      spec.check(client, request, response);
    }
    return response;
  }
}
