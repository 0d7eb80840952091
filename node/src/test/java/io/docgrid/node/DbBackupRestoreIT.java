package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docgrid db backup} while a node serves (in a JVM of its own, which holds H2's files) and
 * {@code docgrid db restore} once it has stopped: the jobs and keys from before the backup are
 * served again.
 */
class DbBackupRestoreIT {

  private static CommandRun docgrid(Map<String, String> environment, String... args) {
    return CommandRun.of(environment, args);
  }

  /** {@code docgrid db restore} of {@code dataDir} from {@code backup}. */
  private static CommandRun restore(Path dataDir, Path backup) {
    return docgrid(
        Map.of(), "db", "restore", "--data-dir", dataDir.toString(), "--from", backup.toString());
  }

  @Test
  void a_backup_taken_while_serving_restores_the_jobs_and_keys(@TempDir Path temp)
      throws Exception {
    Path dataDir = temp.resolve("data");
    Path zip = temp.resolve("backup.zip");
    String jobId;
    String tenantKey;
    String adminKey;
    try (ServeProcess serve = ServeProcess.start(dataDir, temp.resolve("serve.log"))) {
      adminKey = serve.http.credential();
      HttpResponse<String> created =
          serve.http.postJson("/api/v1/keys", "{\"name\":\"tenant\",\"scopes\":[\"jobs:read\"]}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      tenantKey = json(created).get("key").asText();
      HttpResponse<String> accepted = serve.http.submit("a.txt", "kept".getBytes(), null);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      jobId = json(accepted).get("id").asText();
      Map<String, String> asAdmin =
          Map.of("DOCGRID_URL", serve.http.base, "DOCGRID_API_KEY", adminKey);

      CommandRun backup =
          docgrid(
              asAdmin, "db", "backup", "--data-dir", dataDir.toString(), "--to", zip.toString());
      assertThat(backup.exitCode()).as(backup.err()).isZero();
      assertThat(backup.out()).contains("through the running node", zip.toString());
      try (ZipFile file = new ZipFile(zip.toFile())) {
        assertThat(file.stream().map(ZipEntry::getName)).contains("docgrid.mv.db");
      }
      assertThat(Files.exists(temp.resolve("backup.zip.partial"))).isFalse();

      CommandRun refused = restore(dataDir, zip);
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err()).contains("a running node holds the database");

      CommandRun notAdmin =
          docgrid(
              Map.of("DOCGRID_URL", serve.http.base, "DOCGRID_API_KEY", tenantKey),
              "db",
              "backup",
              "--data-dir",
              dataDir.toString(),
              "--to",
              temp.resolve("denied.zip").toString());
      assertThat(notAdmin.exitCode()).isEqualTo(1);
      assertThat(notAdmin.err()).contains("INSUFFICIENT_SCOPE");
      assertThat(Files.exists(temp.resolve("denied.zip"))).isFalse();
      assertThat(serve.terminate(Duration.ofSeconds(60))).as(serve.tail()).isIn(0, 143);
    }

    Path restored = temp.resolve("restored");
    CommandRun restore = restore(restored, zip);
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("Restored");
    try (TestNode node = TestNodeConfig.in(restored).start()) {
      HttpApi http = new HttpApi("http://127.0.0.1:" + node.port());
      HttpResponse<String> job = http.as(adminKey).get("/api/v1/jobs/" + jobId);
      assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
      assertThat(http.as(tenantKey).get("/api/v1/keys/me").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void without_a_running_node_the_files_are_backed_up_and_the_old_database_is_kept_aside(
      @TempDir Path temp) {
    Path dataDir = temp.resolve("data");
    Path zip = temp.resolve("backup.zip");
    assertThat(docgrid(Map.of(), "db", "migrate", "--data-dir", dataDir.toString()).exitCode())
        .isZero();

    CommandRun backup =
        docgrid(Map.of(), "db", "backup", "--data-dir", dataDir.toString(), "--to", zip.toString());
    assertThat(backup.exitCode()).as(backup.err()).isZero();
    assertThat(backup.out()).contains("no node was running");

    CommandRun restore = restore(dataDir, zip);
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("db.before-restore-");
    assertThat(docgrid(Map.of(), "db", "info", "--data-dir", dataDir.toString()).exitCode())
        .isZero();
    try (Stream<Path> entries = Files.list(dataDir)) {
      List<String> names = entries.map(path -> path.getFileName().toString()).toList();
      assertThat(names).contains("db").anyMatch(name -> name.startsWith("db.before-restore-"));
      assertThat(names).noneMatch(name -> name.startsWith("restoring-"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_file_that_is_not_a_backup_leaves_the_database_as_it_was(@TempDir Path temp)
      throws Exception {
    Path dataDir = temp.resolve("data");
    assertThat(docgrid(Map.of(), "db", "migrate", "--data-dir", dataDir.toString()).exitCode())
        .isZero();
    Path notABackup = Files.writeString(temp.resolve("notes.zip"), "not a zip");

    CommandRun restore = restore(dataDir, notABackup);
    assertThat(restore.exitCode()).isEqualTo(1);
    assertThat(restore.err().strip().lines()).hasSize(1);
    try (Stream<Path> entries = Files.list(dataDir)) {
      assertThat(entries.map(path -> path.getFileName().toString())).containsExactly("db");
    }
  }

  @Test
  void postgresql_is_refused_with_a_pointer_to_pgbackrest(@TempDir Path temp) {
    Map<String, String> postgres =
        Map.of("DOCGRID_DB_URL", "jdbc:postgresql://127.0.0.1:1/docgrid");
    CommandRun backup =
        docgrid(
            postgres,
            "db",
            "backup",
            "--data-dir",
            temp.toString(),
            "--to",
            temp.resolve("b.zip").toString());
    assertThat(backup.exitCode()).isEqualTo(2);
    assertThat(backup.err()).contains("pgBackRest", "docs/runbook.md");
    CommandRun restore =
        docgrid(
            postgres,
            "db",
            "restore",
            "--data-dir",
            temp.toString(),
            "--from",
            temp.resolve("b.zip").toString());
    assertThat(restore.exitCode()).isEqualTo(2);
    assertThat(restore.err()).contains("pgBackRest");
  }
}
