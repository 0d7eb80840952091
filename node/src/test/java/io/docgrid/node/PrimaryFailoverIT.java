package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        NodeConfig.DbConfig db = new NodeConfig.DbConfig(url, "postgres", "", 5);
        try (TestNode node =
            TestNode.start(
                temp.resolve("data"),
                temp.resolve("blobs"),
                db,
                true,
                10 << 20,
                FreePorts.block(5))) {
          SteadySubmissions load = new SteadySubmissions(node.http, 200);
          try (load) {
            load.awaitAcknowledged(10);
            primary.kill();
            standby.promote();
            load.awaitAcknowledged(load.acknowledgedCount() + 10);
          }
          assertThat(load.failures()).as("requests without an HTTP answer").isEmpty();
          assertThat(load.refusals())
              .allSatisfy(
                  refusal -> {
                    assertThat(refusal.status()).as(refusal.body()).isEqualTo(503);
                    assertThat(refusal.code()).isEqualTo("SERVICE_UNAVAILABLE");
                    assertThat(refusal.retryAfter()).isNotBlank();
                  });

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
          assertThat(jobsFinished(node.http, "succeeded"))
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

  private static double jobsFinished(HttpApi http, String outcome) throws Exception {
    String metrics = http.get("/api/v1/metrics").body();
    Matcher line =
        Pattern.compile(
                "^docgrid_jobs_finished_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    double total = 0;
    while (line.find()) {
      total += Double.parseDouble(line.group(1));
    }
    return total;
  }
}
