package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.PostgresSchema;

/** The end-to-end contract on the real PostgreSQL at 127.0.0.1:5432, in a schema of its own. */
class PostgresEndToEndTest extends EndToEndContract {

  private PostgresSchema postgres;

  @Override
  NodeConfig.DbConfig database() throws Exception {
    postgres = PostgresSchema.created();
    return TestNodeConfig.postgresIn(postgres);
  }

  @Override
  void dropDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }
}
