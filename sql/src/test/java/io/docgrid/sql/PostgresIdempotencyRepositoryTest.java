package io.docgrid.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

final class PostgresIdempotencyRepositoryTest extends IdempotencyRepositoryContract {

  @RegisterExtension static final MigratedDatabase DATABASE = MigratedDatabase.postgres();

  @Override
  protected Database database() {
    return DATABASE.get();
  }
}
