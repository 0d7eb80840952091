package io.docgrid.sql;

import io.docgrid.testkit.PostgresSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated database for one test class, in a schema of its own: on the test PostgreSQL server or
 * in an embedded H2 file. Register it as a static extension field and pass it to the contract.
 */
final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

  private final boolean postgres;
  private Path h2Directory;
  private PostgresSchema postgresSchema;
  private Database database;

  private MigratedDatabase(boolean postgres) {
    this.postgres = postgres;
  }

  static MigratedDatabase postgres() {
    return new MigratedDatabase(true);
  }

  /** H2 with a named schema too, so the embedded path exercises the same isolation. */
  static MigratedDatabase h2() {
    return new MigratedDatabase(false);
  }

  Database get() {
    return database;
  }

  /** Settings that migrate and use {@code schema} on the test PostgreSQL server. */
  static DatabaseSettings settings(PostgresSchema schema) {
    return new DatabaseSettings(
        schema.serverUrl(), schema.user(), schema.password(), 4, schema.schema());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (postgres) {
      postgresSchema = PostgresSchema.named();
      database = new Database(settings(postgresSchema));
    } else {
      h2Directory = Files.createTempDirectory("docgrid-h2-test");
      database =
          new Database(
              DatabaseSettings.embedded(h2Directory).withSchema(PostgresSchema.freshName()));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (database != null) {
      database.close();
    }
    if (postgresSchema != null) {
      postgresSchema.close();
    } else if (h2Directory != null) {
      try (Stream<Path> files = Files.walk(h2Directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
