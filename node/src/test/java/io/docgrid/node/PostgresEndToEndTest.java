package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;

/** The end-to-end contract on the real PostgreSQL at 127.0.0.1:5432, in a schema of its own. */
class PostgresEndToEndTest extends EndToEndContract {

  private TestDatabase postgres;

  @Override
  NodeConfig.DbConfig database() throws Exception {
    postgres = new TestDatabase();
    return new NodeConfig.DbConfig(postgres.url(), postgres.user(), postgres.password(), 5);
  }

  @Override
  void dropDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }
}
