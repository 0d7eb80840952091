package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disaster-recovery drill with the shipped pgBackRest configuration (ops/pgbackrest): jobs and
 * keys, a backup, more jobs and keys, the database destroyed and restored to a moment between the
 * two batches, and DocGrid started on it. The first batch is served, the second is gone, a job
 * whose result the blob store no longer has, or holds other bytes for, is answered with a clear
 * problem, not a 500 or someone else's text, and {@code docgrid db verify-blobs} lists both.
 */
class PointInTimeRestoreIT {

  private static final Path OPS = Path.of("..", "ops", "pgbackrest");
  private static final String STANZA = "docgrid";

  @TempDir Path temp;

  @Test
  void a_restore_to_a_point_in_time_serves_what_existed_then_and_nothing_later() throws Exception {
    try (LocalPostgres postgres = LocalPostgres.create(List.of("fsync = off"))) {
      Path config = pgBackRestConfig(postgres);
      postgres.appendSettings(archivingSettings(config));
      postgres.start();
      postgres.createDatabase();
      pgBackRest(postgres, config, "stanza-create");

      Path data = temp.resolve("data");
      Path blobs = temp.resolve("blobs");
      TestNodeConfig nodeConfig =
          TestNodeConfig.in(data)
              .blobs(blobs)
              .postgresAt(postgres.jdbcUrl())
              .compute(true)
              .maxUpload(10 << 20);
      List<String> before = new ArrayList<>();
      List<String> after = new ArrayList<>();
      String keyBefore;
      String keyAfter;
      String target;
      try (TestNode node = nodeConfig.start()) {
        keyBefore = createKey(node, "before");
        for (int i = 0; i < 3; i++) {
          before.add(submitAndFinish(node.http.as(keyBefore), "Before " + i + ". "));
        }
        pgBackRest(postgres, config, "--type=full", "backup");
        target = nextWholeSecond(postgres);

        keyAfter = createKey(node, "after");
        for (int i = 0; i < 2; i++) {
          after.add(submitAndFinish(node.http.as(keyAfter), "After " + i + ". "));
        }
        // Archives the WAL segment in use, so that the restore has the later batch to skip over.
        pgBackRest(postgres, config, "check");
      }

      postgres.kill();
      postgres.destroyData();
      postgres.run("mkdir", "-m", "700", postgres.dataDir().toString());
      pgBackRest(
          postgres,
          config,
          "--type=time",
          "--target=" + target,
          "--target-action=promote",
          "restore");
      postgres.start();
      // The blob store does not match the restored database: one result is missing, and under
      // another job's name lie the bytes of a later job's result, whose own row is gone.
      Path results = blobs.resolve("results");
      String lostResult = before.get(2);
      Files.delete(results.resolve(lostResult + ".json"));
      String swappedResult = before.get(1);
      Files.copy(
          results.resolve(after.get(0) + ".json"),
          results.resolve(swappedResult + ".json"),
          StandardCopyOption.REPLACE_EXISTING);

      try (TestNode node = nodeConfig.start()) {
        HttpApi tenant = node.http.as(keyBefore);
        for (String id : before) {
          assertThat(json(tenant.get("/api/v1/jobs/" + id)).get("status").asText())
              .isEqualTo("succeeded");
        }
        assertThat(tenant.get("/api/v1/jobs/" + before.get(0) + "/result").body())
            .contains("Before");
        problem(tenant.get("/api/v1/jobs/" + lostResult + "/result"), 410, "RESULT_MISSING");
        problem(tenant.get("/api/v1/jobs/" + swappedResult + "/result"), 410, "RESULT_MISSING");

        CommandRun check =
            CommandRun.of(
                Map.of("DOCGRID_DB_URL", postgres.jdbcUrl(), "DOCGRID_DB_USER", "postgres"),
                "db",
                "verify-blobs",
                "--data-dir",
                data.toString(),
                "--blob-dir",
                blobs.toString(),
                "--json");
        assertThat(check.exitCode())
            .as(check.err())
            .isEqualTo(DbVerifyBlobsCommand.MISMATCH_EXIT_CODE);
        JsonNode report = HttpApi.JSON.readTree(check.out());
        assertThat(report.get("jobsChecked").asInt()).isEqualTo(before.size());
        List<String> problems = new ArrayList<>();
        report
            .get("problems")
            .forEach(
                found ->
                    problems.add(
                        found.get("jobId").asText() + " " + found.get("problem").asText()));
        assertThat(problems)
            .containsExactlyInAnyOrder(lostResult + " missing", swappedResult + " mismatch");

        problem(node.http.as(keyAfter).get("/api/v1/jobs"), 401, "INVALID_CREDENTIALS");
        for (String id : after) {
          problem(node.http.get("/api/v1/jobs/" + id), 404, "NOT_FOUND");
        }
        assertThat(node.http.get("/api/v1/ready").statusCode()).isEqualTo(200);
        // The restored database takes new work.
        submitAndFinish(tenant, "Again. ");
      }
    }
  }

  /**
   * The next whole second on the server's clock, once it has passed: pgBackRest picks the backup to
   * restore by comparing its whole-second stop time with the target.
   */
  private static String nextWholeSecond(LocalPostgres postgres) throws Exception {
    String target =
        postgres.queryString(
            "select to_char(date_trunc('second', clock_timestamp() at time zone 'UTC')"
                + " + interval '1 second', 'YYYY-MM-DD HH24:MI:SS') || '+00'");
    Eventually.await(
        "the server's clock past " + target,
        Duration.ofSeconds(5),
        () -> postgres.queryString("select clock_timestamp() > '" + target + "'"),
        "t"::equals);
    return target;
  }

  private static String createKey(TestNode node, String name) throws Exception {
    return json(node.http.postJson(
            "/api/v1/keys", "{\"name\":\"" + name + "\",\"tier\":\"STANDARD\"}"))
        .get("key")
        .asText();
  }

  private static String submitAndFinish(HttpApi http, String label) throws Exception {
    String id =
        json(http.submit("doc.pdf", GridProcesses.numberedPdf(1, label), null)).get("id").asText();
    assertThat(http.awaitFinished(id, Duration.ofMinutes(1)).get("status").asText())
        .isEqualTo("succeeded");
    return id;
  }

  /** The shipped configuration, its repository, logs, data directory and port this test's own. */
  private static Path pgBackRestConfig(LocalPostgres postgres) throws Exception {
    Path home = postgres.home();
    postgres.run("mkdir", "-p", home.resolve("repo").toString(), home.resolve("log").toString());
    Map<String, String> local =
        Map.of(
            "repo1-path", home.resolve("repo").toString(),
            "log-path", home.resolve("log").toString(),
            "lock-path", home.resolve("lock").toString(),
            "pg1-path", postgres.dataDir().toString(),
            "pg1-port", Integer.toString(postgres.port()),
            "pg1-socket-path", home.toString());
    String text = Files.readString(OPS.resolve("pgbackrest.conf"));
    for (Map.Entry<String, String> setting : local.entrySet()) {
      Matcher line =
          Pattern.compile("^" + Pattern.quote(setting.getKey()) + "=.*$", Pattern.MULTILINE)
              .matcher(text);
      assertThat(line.find()).as(setting.getKey() + " in pgbackrest.conf").isTrue();
      text =
          line.replaceFirst(Matcher.quoteReplacement(setting.getKey() + "=" + setting.getValue()));
    }
    Path config = home.resolve("pgbackrest.conf");
    Files.writeString(config, text);
    return config;
  }

  /** The shipped archiving settings, with archive_command pointed at this test's configuration. */
  private static List<String> archivingSettings(Path config) throws Exception {
    return Files.readAllLines(OPS.resolve("postgresql-archiving.conf")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(
            line ->
                line.replace("pgbackrest --stanza", "pgbackrest --config=" + config + " --stanza"))
        .toList();
  }

  private static void pgBackRest(LocalPostgres postgres, Path config, String... arguments)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of("pgbackrest", "--config=" + config, "--stanza=" + STANZA));
    command.addAll(List.of(arguments));
    postgres.run(command.toArray(String[]::new));
  }
}
