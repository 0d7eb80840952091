package io.docgrid.node;

import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.node.config.NodeConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full queue refuses new work with 503 OVERLOADED and Retry-After, before reading the upload. */
class BackpressureTest {

  @Test
  void submissions_beyond_the_queue_limit_are_refused_until_it_drains(@TempDir Path temp)
      throws Exception {
    // No compute node: jobs stay queued.
    NodeConfig smallQueue = TestNodeConfig.in(temp.resolve("data")).maxQueuedJobs(2).build();
    try (TestNode node = TestNode.start(smallQueue)) {
      assertThat(node.http.submit("a.txt", "one".getBytes(), null).statusCode()).isEqualTo(202);
      assertThat(node.http.submit("b.txt", "two".getBytes(), null).statusCode()).isEqualTo(202);

      HttpResponse<String> refused = node.http.submit("c.txt", "three".getBytes(), null);

      problem(refused, 503, "OVERLOADED");
      assertThat(refused.headers().firstValue("Retry-After")).contains("10");
      assertThat(HttpApi.json(refused).get("retryable").asBoolean()).isTrue();
      assertThat(node.http.get("/api/v1/metrics").body())
          .contains("docgrid_submissions_refused_total{reason=\"overloaded\",} 1.0");
      // Reading is not refused.
      assertThat(node.http.get("/api/v1/jobs").statusCode()).isEqualTo(200);
    }
  }
}
