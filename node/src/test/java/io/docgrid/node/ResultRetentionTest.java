package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tier's result retention: once it has passed, the result and the document are deleted (410
 * RESULT_EXPIRED), except a document another tenant's job still holds.
 */
class ResultRetentionTest {

  @Test
  void results_past_their_tiers_retention_are_deleted(@TempDir Path temp) throws Exception {
    Path blobs = temp.resolve("blobs");
    try (TestNode node =
        TestNodeConfig.in(temp.resolve("data"))
            .blobs(blobs)
            .compute(true)
            .securityFlags("--tier-limit", "ENTERPRISE.result-retention=2s")
            .start()) {
      HttpApi standard = node.http.withNewKey("keeper", "STANDARD");

      String shared = finished(standard, "shared.txt", "kept for the standard tier");
      String sharedByAdmin = finished(node.http, "shared.txt", "kept for the standard tier");
      String alone = finished(node.http, "alone.txt", "only the enterprise tier holds this");
      assertThat(node.http.get("/api/v1/jobs/" + alone + "/result").statusCode()).isEqualTo(200);
      long documentsBefore = documents(blobs);

      HttpResponse<String> expired =
          awaitStatus(node.http, "/api/v1/jobs/" + alone + "/result", 410);
      JsonNode body = problem(expired, 410, "RESULT_EXPIRED");
      assertThat(body.get("detail").asText()).contains("ENTERPRISE tier's retention");
      problem(node.http.get("/api/v1/jobs/" + sharedByAdmin + "/result"), 410, "RESULT_EXPIRED");
      assertThat(json(node.http.get("/api/v1/jobs/" + alone)).get("purgedAt").isNull()).isFalse();

      // The standard tier keeps its result, and the document both jobs share.
      assertThat(standard.get("/api/v1/jobs/" + shared + "/result").statusCode()).isEqualTo(200);
      assertThat(json(standard.get("/api/v1/jobs/" + shared)).get("purgedAt").isNull()).isTrue();
      assertThat(documents(blobs)).isEqualTo(documentsBefore - 1);
    }
  }

  private static String finished(HttpApi api, String name, String text) throws Exception {
    HttpResponse<String> accepted = api.submit(name, text.getBytes(), null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = json(accepted).get("id").asText();
    assertThat(api.awaitFinished(id, Duration.ofSeconds(60)).get("status").asText())
        .isEqualTo("succeeded");
    return id;
  }

  private static HttpResponse<String> awaitStatus(HttpApi api, String path, int status)
      throws Exception {
    return Eventually.await(
        path + " answering " + status,
        Duration.ofSeconds(20),
        () -> api.get(path),
        response -> response.statusCode() == status);
  }

  private static long documents(Path blobs) throws Exception {
    try (Stream<Path> files = Files.walk(blobs)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().matches("[0-9a-f]{64}"))
          .count();
    }
  }
}
