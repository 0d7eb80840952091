package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.sql.Database;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.NewJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job left waiting for an identical job that finished while no node could hand on its result (the
 * node stopped in between) is not left queued: the next start resolves it.
 */
class ResultCacheRecoveryTest {

  @Test
  void a_follower_of_a_finished_job_is_resolved_at_the_next_start(@TempDir Path temp)
      throws Exception {
    Path dataDir = temp.resolve("data");
    String leaderId;
    try (TestNode node = TestNodeConfig.in(dataDir).compute(true).start()) {
      byte[] document = ("Once: " + UUID.randomUUID()).getBytes();
      leaderId = json(node.http.submit("a.txt", document, null)).get("id").asText();
      assertThat(node.http.awaitFinished(leaderId, Duration.ofSeconds(60)).get("status").asText())
          .isEqualTo("succeeded");
    }
    UUID followerId = UUID.randomUUID();
    try (Database database = new Database(DatabaseSettings.embedded(dataDir))) {
      JobRepository jobs = new JobRepository(database.dsl());
      Job leader = jobs.findById(UUID.fromString(leaderId)).orElseThrow();
      jobs.insertFollower(
          new NewJob(
              followerId,
              leader.documentSha256(),
              "again.txt",
              leader.mediaType(),
              leader.sizeBytes(),
              leader.options(),
              "recovery-test",
              Instant.now(),
              leader.owner(),
              leader.tier()),
          leader.id());
    }

    try (TestNode restarted = TestNodeConfig.in(dataDir).compute(true).start()) {
      JsonNode follower =
          restarted.http.awaitFinished(followerId.toString(), Duration.ofSeconds(60));

      assertThat(follower.get("status").asText()).isEqualTo("succeeded");
      assertThat(follower.at("/document/fileName").asText()).isEqualTo("again.txt");
      assertThat(restarted.http.get("/api/v1/jobs/" + followerId + "/result").statusCode())
          .isEqualTo(200);
    }
  }
}
