package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.node.config.NodeConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unexpected failures reach Sentry, one event each, tagged with their ids, and nothing of the
 * document or the caller's credentials goes with them. {@link SentryStandIn} stands in for the
 * Sentry service on 127.0.0.1 and decodes what the official SDK sends.
 */
class ErrorTrackingTest {

  private static final String SECRET_TEXT = "Salary of Alice Example: 123456";
  private static final String SECRET_FILE_NAME = "alice-payroll-secret.txt";

  @Test
  void unexpected_500s_and_internal_error_jobs_are_reported_with_ids_and_nothing_else(
      @TempDir Path temp) throws Exception {
    Path blobs = temp.resolve("data").resolve("blobs");
    String failedJob;
    String brokenResultRequest;
    String adminKey;
    try (SentryStandIn sentry = new SentryStandIn();
        TestNode node = TestNode.start(reportingTo(sentry, temp, blobs))) {
      adminKey = node.adminKey;
      String tenant = json(node.http.get("/api/v1/keys/me")).path("principal").asText();

      // A job whose result cannot be stored fails as INTERNAL_ERROR: the results folder is a file.
      Path results = blobs.resolve("results");
      Files.delete(results);
      Files.writeString(results, "not a folder");
      failedJob =
          json(node.http.submit(SECRET_FILE_NAME, bytes(SECRET_TEXT + " (1)"), null))
              .get("id")
              .asText();
      JsonNode failed = node.http.awaitFinished(failedJob, Duration.ofMinutes(2));
      assertThat(failed.at("/error/code").asText()).isEqualTo("INTERNAL_ERROR");
      Files.delete(results);
      Files.createDirectory(results);

      // A result the blob store cannot read (a folder where its file belongs) is a 500.
      String succeeded =
          json(node.http.submit(SECRET_FILE_NAME, bytes(SECRET_TEXT + " (2)"), null))
              .get("id")
              .asText();
      assertThat(node.http.awaitFinished(succeeded, Duration.ofMinutes(2)).get("status").asText())
          .isEqualTo("succeeded");
      Path result = results.resolve(succeeded + ".json");
      Files.delete(result);
      Files.createDirectory(result);
      HttpResponse<String> broken =
          node.http.send(
              node.http
                  .request("/api/v1/jobs/" + succeeded + "/result")
                  .header("X-Request-Id", "broken-result-1"));
      brokenResultRequest = problem(broken, 500, "INTERNAL_ERROR").get("requestId").asText();

      // Expected failures are not errors to track.
      problem(node.http.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000"), 404, "NOT_FOUND");

      node.close(); // sends what is still queued
      List<JsonNode> events = sentry.events();
      assertThat(events).hasSize(2);

      JsonNode jobEvent =
          events.stream().filter(event -> event.at("/tags/jobId").isTextual()).findFirst().get();
      assertThat(jobEvent.at("/tags/jobId").asText()).isEqualTo(failedJob);
      assertThat(jobEvent.at("/tags/code").asText()).isEqualTo("INTERNAL_ERROR");
      assertThat(jobEvent.at("/tags/requestId").asText())
          .isEqualTo(failed.get("requestId").asText());
      assertThat(jobEvent.at("/tags/tenant").asText()).isEqualTo(tenant);
      assertThat(jobEvent.at("/tags/node").asText()).isEqualTo(node.gridName());
      assertThat(jobEvent.path("environment").asText()).isEqualTo("test");
      assertThat(jobEvent.path("release").asText()).startsWith("docgrid@");

      JsonNode requestEvent =
          events.stream().filter(event -> !event.at("/tags/jobId").isTextual()).findFirst().get();
      assertThat(requestEvent.at("/tags/requestId").asText())
          .isEqualTo(brokenResultRequest)
          .isEqualTo("broken-result-1");
      assertThat(requestEvent.at("/tags/tenant").asText()).isEqualTo(tenant);
      assertThat(requestEvent.at("/tags/node").asText()).isEqualTo(node.gridName());
      assertThat(requestEvent.at("/request/url").asText()).isEqualTo("/api/v1/jobs/{id}/result");
      assertThat(requestEvent.at("/exception/values/0/type").asText()).isNotEmpty();
      assertThat(requestEvent.at("/exception/values/0/value").isMissingNode()).isTrue();

      assertThat(sentry.everything())
          .as("what must never reach the error tracker")
          .doesNotContain(SECRET_TEXT, "Alice", SECRET_FILE_NAME, adminKey, "Bearer", "dg_live_");
    }
  }

  private static NodeConfig reportingTo(SentryStandIn sentry, Path temp, Path blobs) {
    return TestNodeConfig.in(temp.resolve("data"))
        .blobs(blobs)
        .compute(true)
        .errorTracking(new NodeConfig.ErrorTrackingConfig(sentry.dsn(), "test"))
        .build();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
