package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draining a serve node stops its computing only: its API keeps answering, it shows as draining,
 * and jobs wait for a compute node (readiness says there is none).
 */
class DrainServeNodeTest {

  @Test
  void a_drained_serve_node_keeps_its_api_and_stops_computing(@TempDir Path temp) throws Exception {
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).compute(true).start()) {
      JsonNode self = json(node.http.get("/api/v1/cluster")).at("/nodes/0");
      assertThat(self.get("draining").asBoolean()).isFalse();
      String id = self.get("id").asText();

      HttpResponse<String> drained =
          node.http.post(
              "/api/v1/cluster/nodes/" + id + "/drain", "application/json", new byte[0], null);
      assertThat(drained.statusCode()).as(drained.body()).isEqualTo(202);
      assertThat(json(drained).get("draining").asBoolean()).isTrue();
      assertThat(json(node.http.get("/api/v1/cluster")).at("/nodes/0/draining").asBoolean())
          .isTrue();
      // Repeating it is harmless.
      assertThat(
              node.http
                  .post(
                      "/api/v1/cluster/nodes/" + id + "/drain",
                      "application/json",
                      new byte[0],
                      null)
                  .statusCode())
          .isEqualTo(202);

      HttpResponse<String> accepted = node.http.submit("a.txt", "waits".getBytes(), null);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      String job = json(accepted).get("id").asText();
      // Two seconds of the API's own long poll: the job is still queued when the wait is over.
      HttpResponse<String> waited =
          node.http.send(node.http.request("/api/v1/jobs/" + job).header("Prefer", "wait=2"));
      assertThat(json(waited).get("status").asText()).isEqualTo("queued");
      HttpResponse<String> ready = node.http.get("/api/v1/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("0 compute nodes");
      assertThat(node.http.get("/api/v1/health").statusCode()).isEqualTo(200);
    }
  }
}
