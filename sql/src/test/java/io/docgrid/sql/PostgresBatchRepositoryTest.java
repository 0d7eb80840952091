package io.docgrid.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

final class PostgresBatchRepositoryTest extends BatchRepositoryContract {

  @RegisterExtension static final MigratedDatabase DATABASE = MigratedDatabase.postgres();

  @Override
  protected Database database() {
    return DATABASE.get();
  }
}
