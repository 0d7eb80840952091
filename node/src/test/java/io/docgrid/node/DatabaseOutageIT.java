package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped for thirty seconds under a steady stream of submissions, on a server of the
 * test's own: the node answers 503 with Retry-After while it is gone, reports not ready, keeps
 * every job it acknowledged, and carries on by itself once the database is back.
 */
class DatabaseOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path temp;

  @Test
  void submissions_during_an_outage_get_503_and_every_acknowledged_job_finishes_afterwards()
      throws Exception {
    try (LocalPostgres postgres = LocalPostgres.create(List.of("fsync = off"))) {
      postgres.start();
      postgres.createDatabase();
      try (TestNode node =
          TestNodeConfig.in(temp.resolve("data"))
              .blobs(temp.resolve("blobs"))
              .postgresAt(postgres.jdbcUrl())
              .compute(true)
              .maxUpload(10 << 20)
              .start()) {
        SteadySubmissions load = new SteadySubmissions(node.http, 250);
        try (load) {
          load.awaitAcknowledged(8);

          postgres.stop();
          int acknowledgedBefore = load.acknowledgedCount();
          long outageEnds = System.nanoTime() + OUTAGE.toNanos();
          boolean sawNotReady = false;
          while (System.nanoTime() < outageEnds) {
            HttpResponse<String> ready = node.http.get("/api/v1/ready");
            sawNotReady |= ready.statusCode() == 503 && ready.body().contains("\"database\"");
          }
          assertThat(sawNotReady).as("/api/v1/ready reported the database down").isTrue();
          postgres.start();

          List<SteadySubmissions.Refusal> refusals = load.refusals();
          assertThat(refusals).as("submissions refused during the outage").isNotEmpty();
          assertThat(refusals)
              .allSatisfy(
                  refusal -> {
                    refusal.assertRetryLater();
                    assertThat(refusal.millis()).as("answered without hanging").isLessThan(15_000);
                  });
          assertThat(load.acknowledgedCount() - acknowledgedBefore)
              .as("submissions acknowledged while the database was down")
              .isLessThanOrEqualTo(1);

          load.awaitAcknowledged(load.acknowledgedCount() + 8);
        }
        assertThat(load.failures()).as("requests without an HTTP answer").isEmpty();

        for (String id : load.acknowledged()) {
          JsonNode job = node.http.awaitFinished(id, Duration.ofMinutes(2));
          assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        }
        assertThat(node.http.get("/api/v1/ready").statusCode()).isEqualTo(200);
        assertThat(
                postgres.queryString(
                    "select count(*) from jobs where status = 'succeeded' and id::text in ("
                        + quoted(load.acknowledged())
                        + ")"))
            .as("every acknowledged job is stored as succeeded, once")
            .isEqualTo(Integer.toString(load.acknowledged().size()));
      }
    }
  }

  private static String quoted(List<String> ids) {
    return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
  }
}
