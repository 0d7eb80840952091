package io.docgrid.sql;

import io.docgrid.testkit.PostgresSchema;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

final class PostgresMigrationUpgradeTest extends MigrationUpgradeContract {

  private PostgresSchema schema;

  @Override
  protected DatabaseSettings freshDatabase(Path scratch) {
    schema = PostgresSchema.named();
    return MigratedDatabase.settings(schema);
  }

  @AfterEach
  void dropSchema() throws SQLException {
    schema.close();
  }
}
