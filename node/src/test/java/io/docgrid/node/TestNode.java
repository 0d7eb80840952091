package io.docgrid.node;

import io.docgrid.api.auth.Tier;
import io.docgrid.api.limits.TierLimits;
import io.docgrid.node.config.BlobStoreConfig;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.config.SecurityConfig;
import io.docgrid.node.wiring.FirstAdminKey;
import io.docgrid.node.wiring.RunningNode;
import io.docgrid.node.wiring.Wiring;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.PostgresSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    return start(
        dataDir, blobDir, db, compute, maxUploadBytes, discovery, SecurityConfig.defaults());
  }

  /** A node with its own security settings (tiers, OAuth, anonymous access). */
  static TestNode start(
      Path dataDir,
      Path blobDir,
      NodeConfig.DbConfig db,
      boolean compute,
      long maxUploadBytes,
      int discovery,
      SecurityConfig security)
      throws Exception {
    return start(
        config(
            dataDir,
            blobDir,
            db,
            compute,
            maxUploadBytes,
            discovery,
            security,
            BlobStoreConfig.local()));
  }

  /** A node with its own blob store, e.g. an S3 bucket. */
  static TestNode start(
      Path dataDir,
      Path blobDir,
      NodeConfig.DbConfig db,
      boolean compute,
      long maxUploadBytes,
      int discovery,
      SecurityConfig security,
      BlobStoreConfig blobStore)
      throws Exception {
    return start(
        config(dataDir, blobDir, db, compute, maxUploadBytes, discovery, security, blobStore));
  }

  /** A node exactly as configured; see {@link #config} for the tests' usual configuration. */
  static TestNode start(NodeConfig config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /** A node whose time-based rules follow {@code clock}, which the test may move ahead. */
  static TestNode start(NodeConfig config, Clock clock) throws Exception {
    return new TestNode(
        new Wiring(config, clock).start(), config.dataDir(), config.grid().nodeName());
  }

  /** The configuration the start methods use: random ports, small grid memory, child JVMs. */
  static NodeConfig config(
      Path dataDir,
      Path blobDir,
      NodeConfig.DbConfig db,
      boolean compute,
      long maxUploadBytes,
      int discovery,
      SecurityConfig security,
      BlobStoreConfig blobStore) {
    int communication = FreePorts.block(5);
    return new NodeConfig(
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
            64L << 20,
            16L << 20),
        // Three pages a grid job, so that the tests' multi-page PDFs are split into ranges.
        new NodeConfig.JobsConfig(
            Duration.ofMinutes(2),
            Duration.ofSeconds(10),
            3,
            Duration.ofMinutes(1),
            // As in production: documents are parsed in child JVMs, two at once in one.
            NodeConfig.Isolation.PROCESS,
            "768m",
            1,
            2),
        security,
        blobStore,
        new NodeConfig.ResultCacheConfig(true, Duration.ofDays(7), 4L << 20),
        NodeConfig.OutboundConfig.defaults());
  }

  /** {@code config} with another result cache configuration. */
  static NodeConfig withResultCache(NodeConfig config, NodeConfig.ResultCacheConfig resultCache) {
    return with(config, resultCache, config.outbound());
  }

  /** {@code config} with other outbound settings (allow-list, webhook retries). */
  static NodeConfig withOutbound(NodeConfig config, NodeConfig.OutboundConfig outbound) {
    return with(config, config.resultCache(), outbound);
  }

  private static NodeConfig with(
      NodeConfig config,
      NodeConfig.ResultCacheConfig resultCache,
      NodeConfig.OutboundConfig outbound) {
    return new NodeConfig(
        config.dataDir(),
        config.blobDir(),
        config.api(),
        config.db(),
        config.grid(),
        config.jobs(),
        config.security(),
        config.blobStore(),
        resultCache,
        outbound);
  }

  /** {@code config} with other API settings. */
  static NodeConfig withApi(NodeConfig config, NodeConfig.ApiConfig api) {
    return new NodeConfig(
        config.dataDir(),
        config.blobDir(),
        api,
        config.db(),
        config.grid(),
        config.jobs(),
        config.security(),
        config.blobStore(),
        config.resultCache(),
        config.outbound());
  }

  /** The default security settings, but {@code tier} held to {@code limits}. */
  static SecurityConfig securityWith(Tier tier, TierLimits limits) {
    SecurityConfig defaults = SecurityConfig.defaults();
    return new SecurityConfig(
        false,
        null,
        defaults.tiers().with(tier, limits),
        List.of(),
        null,
        false,
        defaults.maxRequestHeaderBytes(),
        defaults.usageRetention(),
        defaults.keyCacheTtl());
  }

  static NodeConfig.DbConfig embedded() {
    return new NodeConfig.DbConfig(null, "sa", "", 5);
  }

  /** The database in {@code schema} of the test PostgreSQL. */
  static NodeConfig.DbConfig postgres(PostgresSchema schema) {
    return new NodeConfig.DbConfig(schema.url(), schema.user(), schema.password(), 5);
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
