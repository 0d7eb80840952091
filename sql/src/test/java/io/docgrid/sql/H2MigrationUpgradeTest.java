package io.docgrid.sql;

import io.docgrid.testkit.PostgresSchema;
import java.nio.file.Path;

final class H2MigrationUpgradeTest extends MigrationUpgradeContract {

  @Override
  protected DatabaseSettings freshDatabase(Path scratch) {
    return DatabaseSettings.embedded(scratch).withSchema(PostgresSchema.freshName());
  }
}
