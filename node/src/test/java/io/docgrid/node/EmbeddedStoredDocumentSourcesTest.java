package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;

/**
 * Jobs from stored documents and dry runs on the embedded H2 database (the default of `docgrid
 * serve`).
 */
class EmbeddedStoredDocumentSourcesTest extends StoredDocumentSourcesContract {

  @Override
  NodeConfig.DbConfig database() {
    return TestNode.embedded();
  }
}
