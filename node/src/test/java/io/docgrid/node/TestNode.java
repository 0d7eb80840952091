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
    int discovery = FreePorts.block(5);
    int communication = FreePorts.block(5);
    var config =
        new NodeConfig(
            dataDir,
            new NodeConfig.ApiConfig("127.0.0.1", 0, maxUploadBytes),
            db,
            new NodeConfig.GridConfig(
                "test-" + discovery,
                "127.0.0.1",
                discovery,
                5,
                communication,
                List.of("127.0.0.1:" + discovery + ".." + (discovery + 4)),
                compute,
                64L << 20),
            new NodeConfig.JobsConfig(Duration.ofMinutes(2), Duration.ofSeconds(10)));
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
