package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.ServedSpec;
import io.docgrid.testkit.SpecConformance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP client for the API, with a hand-rolled multipart encoder for hostile bodies. Every
 * response it receives is checked against the OpenAPI description the node serves ({@link
 * SpecConformance}), so a test fails on any answer the description does not declare.
 */
final class HttpApi {

  static final ObjectMapper JSON = new ObjectMapper();

  final String base;
  private final String credential;
  private final ServedSpec spec;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A client that sends no credential. */
  HttpApi(String base) {
    this(base, null, new ServedSpec(base));
  }

  private HttpApi(String base, String credential, ServedSpec spec) {
    this.base = base;
    this.credential = credential;
    this.spec = spec;
  }

  /** The same API, called with {@code credential} (an API key or a token) as bearer. */
  HttpApi as(String credential) {
    return new HttpApi(base, credential, spec);
  }

  /** The bearer credential sent; null when none is. */
  String credential() {
    return credential;
  }

  /** The same API, called without credentials. */
  HttpApi anonymous() {
    return new HttpApi(base, null, spec);
  }

  HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (credential != null) {
      builder.header("Authorization", "Bearer " + credential);
    }
    return builder;
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return exchange(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends {@code request}, and fails unless the answer is one the description declares. */
  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    HttpResponse<T> response = client.send(request, body);
    spec.check(client, request, response);
    return response;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path));
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> patchJson(String path, String json)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return exchange(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> post(String path, String contentType, byte[] body, String requestId)
      throws IOException, InterruptedException {
    var builder =
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (requestId != null) {
      builder.header("X-Request-Id", requestId);
    }
    return exchange(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> submit(String fileName, byte[] content, String options)
      throws IOException, InterruptedException {
    Multipart body = new Multipart();
    if (content != null) {
      body.file("file", fileName, content);
    }
    if (options != null) {
      body.field("options", options);
    }
    return post("/api/v1/jobs", body.contentType(), body.bytes(), null);
  }

  /**
   * Waits for the job to reach a final state with the API's own long poll ({@code Prefer: wait}),
   * and returns its last view.
   */
  JsonNode awaitFinished(String jobId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long wait =
          Math.min(50, Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toSeconds()));
      HttpResponse<String> response =
          send(
              request("/api/v1/jobs/" + jobId)
                  .header("Prefer", "wait=" + wait)
                  .timeout(Duration.ofSeconds(wait + 30)));
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "job " + jobId + ": HTTP " + response.statusCode() + " " + response.body());
      }
      JsonNode job = json(response);
      String status = job.get("status").asText();
      if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + jobId + " still " + status + " after " + timeout);
      }
    }
  }

  /** The job once at least {@code pages} of its pages are done, or once it has ended. */
  JsonNode awaitPagesDone(String jobId, int pages, Duration timeout) throws Exception {
    return Eventually.await(
        "job " + jobId + " with " + pages + " pages done",
        timeout,
        () -> json(get("/api/v1/jobs/" + jobId)),
        job ->
            job.at("/pages/done").asInt() >= pages
                || !job.get("status").asText().matches("queued|running"));
  }

  /** Waits until one of the caller's latest hundred jobs has {@code status}. */
  void awaitAnyJob(String status, Duration timeout, Supplier<String> context) throws Exception {
    Eventually.await(
        "a job " + status,
        timeout,
        () -> get("/api/v1/jobs?limit=100").body(),
        jobs -> jobs.contains("\"status\":\"" + status + "\""),
        context);
  }

  /** Creates a key of {@code tier} with this API's credential, and returns the API as that key. */
  HttpApi withNewKey(String name, String tier) throws IOException, InterruptedException {
    HttpResponse<String> created =
        postJson("/api/v1/keys", "{\"name\":\"" + name + "\",\"tier\":\"" + tier + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return as(json(created).get("key").asText());
  }

  /** docgrid_jobs_finished_total for one outcome, summed over error codes. */
  double jobsFinished(String outcome) throws IOException, InterruptedException {
    Matcher line =
        Pattern.compile(
                "^docgrid_jobs_finished_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(get("/api/v1/metrics").body());
    double total = 0;
    while (line.find()) {
      total += Double.parseDouble(line.group(1));
    }
    return total;
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return json(response.body());
  }

  static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  /** Asserts a problem response and returns its body. */
  static JsonNode problem(HttpResponse<String> response, int status, String code)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode body = json(response);
    assertThat(body.path("code").asText()).isEqualTo(code);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(body.path("requestId").asText()).isEqualTo(requestId);
    assertThat(body.has("retryable")).isTrue();
    assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.", "/tmp/");
    return body;
  }

  /** Builds multipart/form-data bodies byte by byte. */
  static final class Multipart {
    private final String boundary = "----docgrid" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Multipart file(String field, String fileName, byte[] content) {
      write("--" + boundary + "\r\n");
      write(
          "Content-Disposition: form-data; name=\""
              + field
              + "\"; filename=\""
              + fileName
              + "\"\r\n");
      write("Content-Type: application/octet-stream\r\n\r\n");
      out.writeBytes(content);
      write("\r\n");
      return this;
    }

    Multipart field(String field, String value) {
      write("--" + boundary + "\r\n");
      write("Content-Disposition: form-data; name=\"" + field + "\"\r\n\r\n");
      write(value);
      write("\r\n");
      return this;
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      copy.writeBytes(out.toByteArray());
      copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return copy.toByteArray();
    }

    private void write(String text) {
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
