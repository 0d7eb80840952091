package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a node that computes nothing, so that every job stays queued until something ends it, and
 * whose outbound guard allows nothing internal (the default).
 */
class BatchCancelTest {

  @Test
  void cancelling_a_batch_cancels_its_unfinished_jobs_and_completes_it(@TempDir Path temp)
      throws Exception {
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).start()) {
      HttpApi.Multipart files =
          new HttpApi.Multipart()
              .file("file", "a.txt", "first".getBytes())
              .file("file", "b.txt", "second".getBytes())
              .file("file", "empty.txt", new byte[0])
              .file("file", "c.txt", "third".getBytes());
      HttpResponse<String> created =
          node.http.post("/api/v1/batches", files.contentType(), files.bytes(), null);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      JsonNode batch = json(created);
      String id = batch.get("id").asText();
      assertThat(batch.get("jobIds")).hasSize(3);
      assertThat(batch.at("/items/2/problem/code").asText()).isEqualTo("EMPTY_FILE");
      assertThat(batch.at("/counts/queued").asInt()).isEqualTo(3);
      assertThat(json(node.http.get("/api/v1/batches/" + id)).get("status").asText())
          .isEqualTo("running");

      HttpResponse<String> cancelled = node.http.delete("/api/v1/batches/" + id);

      assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
      JsonNode after = json(cancelled);
      assertThat(after.at("/counts/cancelled").asInt()).isEqualTo(3);
      assertThat(after.at("/counts/queued").asInt()).isZero();
      assertThat(after.get("status").asText()).isEqualTo("completed");
      for (JsonNode job : batch.get("jobIds")) {
        assertThat(json(node.http.get("/api/v1/jobs/" + job.asText())).get("status").asText())
            .isEqualTo("cancelled");
      }
      // A job outside the batch is left alone.
      String single = json(node.http.submit("d.txt", "alone".getBytes(), null)).get("id").asText();
      node.http.delete("/api/v1/batches/" + id);
      assertThat(json(node.http.get("/api/v1/jobs/" + single)).get("status").asText())
          .isEqualTo("queued");
    }
  }

  @Test
  void a_batch_longer_than_the_limit_and_a_url_to_an_internal_address_are_refused(
      @TempDir Path temp) throws Exception {
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).start();
        DocumentServer documents = new DocumentServer()) {
      StringBuilder items = new StringBuilder("[");
      for (int i = 0; i < 1001; i++) {
        items
            .append(i == 0 ? "" : ",")
            .append("{\"sha256\":\"")
            .append("a".repeat(64))
            .append("\"}");
      }
      problem(
          node.http.postJson("/api/v1/batches", "{\"items\":" + items + "]}"),
          400,
          "VALIDATION_FAILED");

      String local = documents.url("/doc/pypdf__minimal-document.pdf");
      for (String url :
          new String[] {
            local, local.replace("127.0.0.1", "localhost"), "http://2130706433/", "http://[::1]/"
          }) {
        problem(
            node.http.postJson("/api/v1/jobs", "{\"url\":\"" + url + "\"}"), 422, "URL_REFUSED");
      }
      // In a batch, the refused item is reported and the others become jobs.
      HttpResponse<String> batch =
          node.http.postJson(
              "/api/v1/batches",
              "{\"items\":[{\"url\":\"" + local + "\"},{\"upload\":\"not-an-upload\"}]}");
      assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
      assertThat(json(batch).at("/items/0/problem/code").asText()).isEqualTo("URL_REFUSED");
      assertThat(json(batch).at("/items/1/problem/status").asInt()).isEqualTo(400);
      assertThat(documents.requests()).as("no connection was made").isEmpty();
    }
  }
}
