package io.docgrid.sql;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

final class PostgresMigrationUpgradeTest extends MigrationUpgradeContract {

  private static final PostgresTestServer POSTGRES = PostgresTestServer.fromSystemProperties();

  private DatabaseSettings settings;

  @Override
  protected DatabaseSettings freshDatabase(Path scratch) {
    settings = POSTGRES.settingsForFreshSchema();
    return settings;
  }

  @AfterEach
  void dropSchema() throws SQLException {
    POSTGRES.dropSchema(settings.schema());
  }
}
