package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;

/**
 * Jobs from stored documents and dry runs on the real PostgreSQL at 127.0.0.1:5432, in a schema of
 * its own.
 */
class PostgresStoredDocumentSourcesTest extends StoredDocumentSourcesContract {

  private final PostgresDatabase postgres = new PostgresDatabase();

  @Override
  NodeConfig.DbConfig database() throws Exception {
    return postgres.create();
  }

  @Override
  void dropDatabase() throws Exception {
    postgres.drop();
  }
}
