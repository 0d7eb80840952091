package io.docgrid.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

final class H2BatchRepositoryTest extends BatchRepositoryContract {

  @RegisterExtension static final MigratedDatabase DATABASE = MigratedDatabase.h2();

  @Override
  protected Database database() {
    return DATABASE.get();
  }
}
