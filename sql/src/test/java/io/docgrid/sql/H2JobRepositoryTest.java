package io.docgrid.sql;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

final class H2JobRepositoryTest extends JobRepositoryContract {

  @TempDir static Path dataDir;

  private static Database database;

  @BeforeAll
  static void open_database() {
    // A named schema here too, so the embedded path exercises the same isolation as PostgreSQL.
    database =
        new Database(
            DatabaseSettings.embedded(dataDir).withSchema(PostgresTestServer.freshSchemaName()));
  }

  @AfterAll
  static void close_database() {
    database.close();
  }

  @Override
  protected Database database() {
    return database;
  }
}
