package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.PostgresSchema;

/** A schema of its own on the test PostgreSQL for one test class's node, dropped after it. */
final class PostgresDatabase {

  private PostgresSchema schema;

  NodeConfig.DbConfig create() throws Exception {
    schema = PostgresSchema.created();
    return TestNode.postgres(schema);
  }

  void drop() throws Exception {
    if (schema != null) {
      schema.close();
    }
  }
}
