package io.docgrid.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

final class H2UploadRepositoryTest extends UploadRepositoryContract {

  @RegisterExtension static final MigratedDatabase DATABASE = MigratedDatabase.h2();

  @Override
  protected Database database() {
    return DATABASE.get();
  }
}
