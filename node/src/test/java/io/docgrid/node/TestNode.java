package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.wiring.RunningNode;
import io.docgrid.node.wiring.Wiring;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real DocGrid node on random ports in this JVM, configured the way `docgrid serve` would be. */
final class TestNode implements AutoCloseable {

  private final RunningNode node;
  final HttpApi http;

  private TestNode(RunningNode node) {
    this.node = node;
    this.http = new HttpApi("http://127.0.0.1:" + node.apiPort());
  }

  static TestNode start(Path dataDir, NodeConfig.DbConfig db, boolean compute, long maxUploadBytes)
      throws Exception {
    return start(
        dataDir, dataDir.resolve("blobs"), db, compute, maxUploadBytes, FreePorts.block(5));
  }

  /**
   * A node whose grid discovery uses the five ports from {@code discovery}: nodes started with the
   * same value form one cluster.
   */
  static TestNode start(
      Path dataDir,
      Path blobDir,
      NodeConfig.DbConfig db,
      boolean compute,
      long maxUploadBytes,
      int discovery)
      throws Exception {
    int communication = FreePorts.block(5);
    var config =
        new NodeConfig(
            dataDir,
            blobDir,
            new NodeConfig.ApiConfig("127.0.0.1", 0, maxUploadBytes),
            db,
            new NodeConfig.GridConfig(
                "test-" + communication,
                "127.0.0.1",
                discovery,
                5,
                communication,
                List.of("127.0.0.1:" + discovery + ".." + (discovery + 4)),
                compute,
                64L << 20),
            // Three pages a grid job, so that the tests' multi-page PDFs are split into ranges.
            new NodeConfig.JobsConfig(
                Duration.ofMinutes(2),
                Duration.ofSeconds(10),
                3,
                Duration.ofMinutes(1),
                // As in production: documents are parsed in child JVMs.
                NodeConfig.Isolation.PROCESS,
                "512m",
                2));
    return new TestNode(new Wiring(config).start());
  }

  static NodeConfig.DbConfig embedded() {
    return new NodeConfig.DbConfig(null, "sa", "", 5);
  }

  List<String> routes() {
    return node.apiRoutes();
  }

  @Override
  public void close() {
    node.close();
  }
}
