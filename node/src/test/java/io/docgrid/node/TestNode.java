package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.wiring.FirstAdminKey;
import io.docgrid.node.wiring.RunningNode;
import io.docgrid.node.wiring.Wiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A real DocGrid node on random ports in this JVM, configured the way `docgrid serve` would be. */
final class TestNode implements AutoCloseable {

  private final RunningNode node;
  private final Path dataDir;
  private final String gridName;

  /** The API, called with this node's first admin key (or anonymously, if it made none). */
  final HttpApi http;

  /** The first admin key, when this node's start created one. */
  final String adminKey;

  private TestNode(RunningNode node, Path dataDir, String gridName) throws IOException {
    this.node = node;
    this.dataDir = dataDir;
    this.gridName = gridName;
    Path keyFile = dataDir.resolve(FirstAdminKey.FILE_NAME);
    this.adminKey = Files.exists(keyFile) ? Files.readString(keyFile).strip() : null;
    HttpApi api = new HttpApi("http://127.0.0.1:" + node.apiPort());
    this.http = adminKey == null ? api : api.as(adminKey);
  }

  /** A node exactly as configured; {@link TestNodeConfig} makes the tests' usual configuration. */
  static TestNode start(NodeConfig config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /** A node whose time-based rules follow {@code clock}, which the test may move ahead. */
  static TestNode start(NodeConfig config, Clock clock) throws Exception {
    return new TestNode(
        new Wiring(config, clock).start(), config.dataDir(), config.grid().nodeName());
  }

  /** The name of this node's Ignite instance, for {@code Ignition.ignite(name)}. */
  String gridName() {
    return gridName;
  }

  Path dataDir() {
    return dataDir;
  }

  int port() {
    return node.apiPort();
  }

  List<String> routes() {
    return node.apiRoutes();
  }

  /** Writes the usage rows recorded so far, for a test that reads them from the database. */
  void flushUsage() {
    node.flushUsage();
  }

  @Override
  public void close() {
    node.close();
  }
}
