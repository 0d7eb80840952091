package io.docgrid.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.ops.bench.LoadRun.Document;
import io.docgrid.testkit.Multipart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * DocGrid as a client gets a document's text: either submitted with {@code Prefer: wait=60} and the
 * text fetched with a second request, or in one round trip with {@code Prefer: wait=60,
 * return=representation}, which answers with the text itself.
 */
final class DocGridText implements LoadRun.Service {

  enum Trip {
    SUBMIT_THEN_FETCH,
    ONE_ROUND_TRIP
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String key;
  private final String options;
  private final Trip trip;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  DocGridText(String base, String key, String options, Trip trip) {
    this.base = base;
    this.key = key;
    this.options = options;
    this.trip = trip;
  }

  @Override
  public String name() {
    return trip == Trip.ONE_ROUND_TRIP ? "DocGrid, return=representation" : "DocGrid";
  }

  @Override
  public void process(Document document) throws Exception {
    Multipart upload = Multipart.of(document.file(), options);
    boolean oneTrip = trip == Trip.ONE_ROUND_TRIP;
    HttpResponse<String> submitted =
        http.send(
            request(oneTrip ? "/api/v1/jobs?format=text" : "/api/v1/jobs")
                .header("Prefer", oneTrip ? "wait=60, return=representation" : "wait=60")
                .header("Content-Type", upload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (oneTrip && submitted.statusCode() == 200) {
      if (!submitted.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
        throw new IOException("not the text: " + submitted.headers().firstValue("Content-Type"));
      }
      return;
    }
    if (submitted.statusCode() != 200 && submitted.statusCode() != 202) {
      throw new IOException("HTTP " + submitted.statusCode() + " " + codeOf(submitted.body()));
    }
    String id = JSON.readTree(submitted.body()).get("id").asText();
    awaitSucceeded(id, JSON.readTree(submitted.body()));
    HttpResponse<String> text =
        http.send(
            request("/api/v1/jobs/" + id + "/result?format=text").build(),
            HttpResponse.BodyHandlers.ofString());
    if (text.statusCode() != 200) {
      throw new IOException("result: HTTP " + text.statusCode() + " " + codeOf(text.body()));
    }
  }

  private void awaitSucceeded(String id, JsonNode job) throws IOException, InterruptedException {
    while (true) {
      String status = job.path("status").asText();
      if (status.equals("succeeded")) {
        return;
      }
      if (status.equals("failed") || status.equals("cancelled")) {
        throw new IOException(status + " " + job.path("error").path("code").asText());
      }
      job =
          JSON.readTree(
              http.send(
                      request("/api/v1/jobs/" + id).header("Prefer", "wait=60").build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + key);
  }

  private static String codeOf(String problem) {
    try {
      return JSON.readTree(problem).path("code").asText();
    } catch (IOException e) {
      return "";
    }
  }
}
