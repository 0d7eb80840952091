package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;

/** The end-to-end contract on the embedded H2 database (the default of `docgrid serve`). */
class EmbeddedEndToEndTest extends EndToEndContract {

  @Override
  NodeConfig.DbConfig database() {
    return TestNodeConfig.EMBEDDED;
  }
}
