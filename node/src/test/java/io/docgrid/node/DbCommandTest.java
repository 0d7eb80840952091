package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.PostgresSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docgrid db migrate|info} on the embedded database and on PostgreSQL. */
class DbCommandTest {

  private static CommandRun docgrid(Map<String, String> environment, String... args) {
    return CommandRun.of(environment, args);
  }

  @Test
  void the_embedded_database_is_migrated_once_and_then_up_to_date(@TempDir Path temp) {
    String dataDir = temp.resolve("data").toString();
    Map<String, String> none = Map.of();

    CommandRun before = docgrid(none, "db", "info", "--data-dir", dataDir);
    assertThat(before.exitCode()).as(before.err()).isEqualTo(3);
    assertThat(before.out()).contains("VERSION", "Pending").contains("migrations are pending.");

    CommandRun migrate = docgrid(none, "db", "migrate", "--data-dir", dataDir);
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();
    assertThat(migrate.out())
        .containsPattern("Applied \\d+ migrations\\.")
        .doesNotContain("Pending");

    CommandRun after = docgrid(none, "db", "info", "--data-dir", dataDir);
    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(after.out()).contains("Success", "The schema is up to date.");
    assertThat(docgrid(none, "db", "migrate", "--data-dir", dataDir).out())
        .contains("The schema was up to date.");
    assertThat(Files.isDirectory(temp.resolve("data").resolve("db"))).isTrue();
  }

  @Test
  void postgresql_is_migrated_through_the_same_options_as_serve(@TempDir Path temp)
      throws Exception {
    try (PostgresSchema database = PostgresSchema.created()) {
      Map<String, String> environment = new HashMap<>();
      environment.put("DOCGRID_DB_URL", database.url());
      environment.put("DOCGRID_DB_USER", database.user());
      CommandRun migrate = docgrid(environment, "db", "migrate", "--data-dir", temp.toString());
      assertThat(migrate.exitCode()).as(migrate.err()).isZero();
      // The PostgreSQL-only scripts run there too.
      assertThat(migrate.out()).contains("1.1").containsPattern("Applied \\d+ migrations\\.");
      assertThat(docgrid(environment, "db", "info", "--data-dir", temp.toString()).exitCode())
          .isZero();
    }
  }

  @Test
  void an_unreachable_database_is_one_line_and_exit_code_1(@TempDir Path temp) {
    CommandRun run =
        docgrid(
            Map.of("DOCGRID_DB_URL", "jdbc:postgresql://127.0.0.1:1/nothing"),
            "db",
            "info",
            "--data-dir",
            temp.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("error: could not read the schema history of");
    assertThat(run.err().strip().lines()).hasSize(1);
  }
}
