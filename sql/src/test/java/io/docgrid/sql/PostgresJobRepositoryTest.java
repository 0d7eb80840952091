package io.docgrid.sql;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

final class PostgresJobRepositoryTest extends JobRepositoryContract {

  private static final PostgresTestServer SERVER = PostgresTestServer.fromSystemProperties();

  private static DatabaseSettings settings;
  private static Database database;

  @BeforeAll
  static void open_database() {
    settings = SERVER.settingsForFreshSchema();
    database = new Database(settings);
  }

  @AfterAll
  static void drop_schema() throws SQLException {
    if (database != null) {
      database.close();
    }
    SERVER.dropSchema(settings.schema());
  }

  @Override
  protected Database database() {
    return database;
  }
}
