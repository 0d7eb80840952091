package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL primary with a synchronous streaming standby, reached through a multi-host URL that
 * asks for the primary: the primary is killed and the standby promoted while jobs stream in, and
 * every job the node acknowledged finishes, once.
 */
class PrimaryFailoverIT {

  private static final String STANDBY_NAME = "standby1";

  @TempDir Path temp;

  @Test
  void every_acknowledged_job_finishes_exactly_once_when_the_standby_is_promoted_mid_run()
      throws Exception {
    try (LocalPostgres primary = LocalPostgres.create(List.of("fsync = off"))) {
      primary.start();
      primary.createDatabase();
      try (LocalPostgres standby = LocalPostgres.standbyOf(primary, STANDBY_NAME)) {
        standby.appendSettings(
            List.of(
                "primary_conninfo = 'host=127.0.0.1 port="
                    + primary.port()
                    + " user=postgres application_name="
                    + STANDBY_NAME
                    + "'",
                // Once promoted it runs alone; a failover manager (Patroni) does the same.
                "synchronous_standby_names = ''"));
        standby.start();
        primary.execute(
            "postgres", "ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'");
        primary.execute("postgres", "SELECT pg_reload_conf()");
        awaitSynchronousStandby(primary);

        String url =
            "jdbc:postgresql://127.0.0.1:"
                + primary.port()
                + ",127.0.0.1:"
                + standby.port()
                + "/"
                + LocalPostgres.DATABASE
                + "?targetServerType=primary";
        try (TestNode node =
            TestNodeConfig.in(temp.resolve("data"))
                .blobs(temp.resolve("blobs"))
                .postgresAt(url)
                .compute(true)
                .maxUpload(10 << 20)
                .start()) {
          SteadySubmissions load = new SteadySubmissions(node.http, 200);
          try (load) {
            load.awaitAcknowledged(10);
            primary.kill();
            standby.promote();
            load.awaitAcknowledged(load.acknowledgedCount() + 10);
          }
          assertThat(load.failures()).as("requests without an HTTP answer").isEmpty();
          assertThat(load.refusals()).allSatisfy(SteadySubmissions.Refusal::assertRetryLater);

          for (String id : load.acknowledged()) {
            JsonNode job = node.http.awaitFinished(id, Duration.ofMinutes(2));
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
          }
          long succeeded =
              Long.parseLong(
                  standby.queryString("select count(*) from jobs where status = 'succeeded'"));
          assertThat(succeeded)
              .as("jobs stored as succeeded on the promoted standby")
              .isGreaterThanOrEqualTo(load.acknowledged().size());
          assertThat(node.http.jobsFinished("succeeded"))
              .as("no job finished twice")
              .isEqualTo((double) succeeded);
        }
      }
    }
  }

  private static void awaitSynchronousStandby(LocalPostgres primary) throws Exception {
    Eventually.await(
        "a synchronous standby",
        Duration.ofSeconds(30),
        () -> syncStateOf(primary),
        "sync"::equals);
  }

  private static String syncStateOf(LocalPostgres server) throws Exception {
    return server.queryString(
        "select coalesce(max(sync_state), 'none') from pg_stat_replication where application_name"
            + " = '"
            + STANDBY_NAME
            + "'");
  }
}
