package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.PostgresSchema;
import io.docgrid.testkit.TestPages;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two API nodes on one PostgreSQL database: a job submitted to one node while an identical job runs
 * from the other waits for it, and its client waiting there is answered when it is done.
 */
class ResultCacheAcrossNodesIT {

  @Test
  void a_job_following_one_from_another_node_answers_its_waiting_client(@TempDir Path temp)
      throws Exception {
    try (PostgresSchema postgres = PostgresSchema.created()) {
      TestNodeConfig computingNode =
          TestNodeConfig.in(temp.resolve("a"))
              .blobs(temp.resolve("blobs"))
              .postgres(postgres)
              .compute(true)
              .maxUpload(100L << 20)
              .cluster(FreePorts.block(5));
      try (TestNode computing = computingNode.start();
          TestNode apiOnly = computingNode.sibling(temp.resolve("b")).compute(false).start()) {
        HttpApi other = new HttpApi("http://127.0.0.1:" + apiOnly.port()).as(computing.adminKey);
        Random random = new Random();
        byte[] scan =
            TestPages.scannedPdf(
                List.of(TestPages.scan(0, 10, random), TestPages.scan(1, 10, random)));
        String leader = json(computing.http.submit("scan.pdf", scan, null)).get("id").asText();

        HttpApi.Multipart body = new HttpApi.Multipart().file("file", "scan.pdf", scan);
        long started = System.nanoTime();
        HttpResponse<String> waited =
            other.send(
                other
                    .request("/api/v1/jobs")
                    .header("Content-Type", body.contentType())
                    .header("Prefer", "wait=60")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(50));
        JsonNode follower = json(waited);
        assertThat(follower.get("status").asText()).isEqualTo("succeeded");
        assertThat(follower.get("cacheHit").asBoolean()).isTrue();
        assertThat(follower.get("attempts").asInt()).isZero();
        assertThat(waited.headers().firstValue("X-Cache")).contains("HIT");
        JsonNode computed = computing.http.awaitFinished(leader, Duration.ofSeconds(60));
        assertThat(computed.get("cacheHit").asBoolean()).isFalse();
        assertThat(computed.get("attempts").asInt()).isEqualTo(1);
      }
    }
  }
}
