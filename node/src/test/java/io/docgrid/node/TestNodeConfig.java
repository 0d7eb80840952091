package io.docgrid.node;

import io.docgrid.api.http.TrustedProxies;
import io.docgrid.node.config.BlobStoreConfig;
import io.docgrid.node.config.Discovery;
import io.docgrid.node.config.GpuMode;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.config.SecurityConfig;
import io.docgrid.testkit.ExtractionJvmOptions;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.PostgresSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node's configuration for tests, as {@code docgrid serve} would make it: random loopback ports,
 * a small grid memory, documents parsed in child JVMs, the embedded database, an API-only node
 * taking uploads of up to 1 MiB. Each test says only what it needs otherwise.
 *
 * <p>It lives in node's tests, not in the test kit: the kit is a dependency of every module, node
 * included, so it cannot see {@link NodeConfig}.
 */
final class TestNodeConfig {

  /** The embedded H2 database under the data directory, the default of `docgrid serve`. */
  static final NodeConfig.DbConfig EMBEDDED = new NodeConfig.DbConfig(null, "sa", "", 5);

  private final Path dataDir;
  private Path blobDir;
  private NodeConfig.DbConfig db = EMBEDDED;
  private boolean compute;

  /** The file limit of a test node unless {@link #maxUpload} says otherwise. */
  static final long DEFAULT_MAX_UPLOAD_BYTES = 1 << 20;

  private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
  private int maxQueuedJobs = NodeConfig.ApiConfig.DEFAULT_MAX_QUEUED_JOBS;
  private Integer discovery;
  private Duration joinTimeout = Duration.ZERO;
  private SecurityConfig security = SecurityConfig.defaults();
  private BlobStoreConfig blobStore = BlobStoreConfig.local();
  private NodeConfig.ResultCacheConfig resultCache =
      new NodeConfig.ResultCacheConfig(true, Duration.ofDays(7), 4L << 20);
  private Duration uploadExpiry = NodeConfig.ApiConfig.DEFAULT_UPLOAD_EXPIRY;
  private Path uploadDir;
  private int eventStreamsMax = NodeConfig.ApiConfig.DEFAULT_EVENT_STREAMS_MAX;
  private NodeConfig.OutboundConfig outbound = NodeConfig.OutboundConfig.defaults();
  private NodeConfig.ErrorTrackingConfig errorTracking = NodeConfig.ErrorTrackingConfig.OFF;

  private TestNodeConfig(Path dataDir) {
    this.dataDir = dataDir;
    this.blobDir = dataDir.resolve("blobs");
  }

  /** A node whose data lives in {@code dataDir}, its blobs below it. */
  static TestNodeConfig in(Path dataDir) {
    return new TestNodeConfig(dataDir);
  }

  /**
   * Another node with these settings and data of its own in {@code dataDir}: with {@link #cluster},
   * {@link #blobs} and a shared database, a second node of the same cluster.
   */
  TestNodeConfig sibling(Path dataDir) {
    TestNodeConfig sibling = new TestNodeConfig(dataDir);
    sibling.blobDir = blobDir;
    sibling.db = db;
    sibling.compute = compute;
    sibling.maxUploadBytes = maxUploadBytes;
    sibling.maxQueuedJobs = maxQueuedJobs;
    sibling.discovery = discovery;
    sibling.joinTimeout = joinTimeout;
    sibling.security = security;
    sibling.blobStore = blobStore;
    sibling.resultCache = resultCache;
    return sibling;
  }

  /** Blobs in {@code blobDir}, which nodes of one cluster share. */
  TestNodeConfig blobs(Path blobDir) {
    this.blobDir = blobDir;
    return this;
  }

  TestNodeConfig database(NodeConfig.DbConfig db) {
    this.db = db;
    return this;
  }

  /** The database in {@code schema} of the test PostgreSQL. */
  TestNodeConfig postgres(PostgresSchema schema) {
    return database(postgresIn(schema));
  }

  /** The database at {@code jdbcUrl}, as the superuser of a PostgreSQL the test started. */
  TestNodeConfig postgresAt(String jdbcUrl) {
    return database(new NodeConfig.DbConfig(jdbcUrl, "postgres", "", 5));
  }

  /** Whether the node runs jobs too, not only the API. */
  TestNodeConfig compute(boolean compute) {
    this.compute = compute;
    return this;
  }

  TestNodeConfig maxUpload(long bytes) {
    this.maxUploadBytes = bytes;
    return this;
  }

  /** Submissions are refused with 503 OVERLOADED while this many jobs wait. */
  TestNodeConfig maxQueuedJobs(int jobs) {
    this.maxQueuedJobs = jobs;
    return this;
  }

  /**
   * Grid discovery on the five ports from {@code firstPort}: nodes given the same value form one
   * cluster. Without it, a node has a cluster of its own.
   */
  TestNodeConfig cluster(int firstPort) {
    this.discovery = firstPort;
    return this;
  }

  /** How long the node tries to join before it gives up (default: for ever). */
  TestNodeConfig joinTimeout(Duration timeout) {
    this.joinTimeout = timeout;
    return this;
  }

  /** Its own security settings: tiers, OAuth, anonymous access. */
  TestNodeConfig security(SecurityConfig security) {
    this.security = security;
    return this;
  }

  /**
   * The security settings that {@code docgrid serve <flags>} makes, e.g. {@code "--tier-limit",
   * "STANDARD.pages-per-hour=5"}: a test states what an operator would.
   */
  TestNodeConfig securityFlags(String... flags) {
    return security(ParsedSettings.serve(Map.of(), flags).security());
  }

  /** Its own blob store, e.g. an S3 bucket. */
  TestNodeConfig blobStore(BlobStoreConfig blobStore) {
    this.blobStore = blobStore;
    return this;
  }

  TestNodeConfig resultCache(NodeConfig.ResultCacheConfig resultCache) {
    this.resultCache = resultCache;
    return this;
  }

  /** Resumable uploads expire after {@code expiry}; their bytes wait in {@code directory}. */
  TestNodeConfig uploads(Duration expiry, Path directory) {
    this.uploadExpiry = expiry;
    this.uploadDir = directory;
    return this;
  }

  /** At most {@code streams} job event streams open at once on the node. */
  TestNodeConfig eventStreamsMax(int streams) {
    this.eventStreamsMax = streams;
    return this;
  }

  /** Outbound requests (webhooks, URL ingestion): allow-list, timeouts, webhook retries. */
  TestNodeConfig outbound(NodeConfig.OutboundConfig outbound) {
    this.outbound = outbound;
    return this;
  }

  TestNodeConfig errorTracking(NodeConfig.ErrorTrackingConfig errorTracking) {
    this.errorTracking = errorTracking;
    return this;
  }

  NodeConfig build() {
    int firstDiscoveryPort = discovery == null ? FreePorts.block(5) : discovery;
    int communication = FreePorts.blockApartFrom(5, new int[] {firstDiscoveryPort}, 5);
    return new NodeConfig(
        dataDir,
        blobDir,
        new NodeConfig.ApiConfig(
            "127.0.0.1",
            0,
            maxUploadBytes,
            maxQueuedJobs,
            TrustedProxies.none(),
            uploadExpiry,
            uploadDir,
            NodeConfig.ApiConfig.DEFAULT_BATCH_MAX_ITEMS,
            eventStreamsMax),
        db,
        new NodeConfig.GridConfig(
            "test-" + communication,
            "127.0.0.1",
            firstDiscoveryPort,
            5,
            communication,
            new Discovery.Static(
                List.of("127.0.0.1:" + firstDiscoveryPort + ".." + (firstDiscoveryPort + 4))),
            compute,
            64L << 20,
            16L << 20,
            null,
            joinTimeout),
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
            2,
            ExtractionJvmOptions.fromBuild(),
            NodeConfig.JobsConfig.DEFAULT_LEASE,
            GpuMode.OFF),
        security,
        blobStore,
        resultCache,
        outbound,
        errorTracking);
  }

  /** Starts a node in this JVM with this configuration. */
  TestNode start() throws Exception {
    return TestNode.start(build());
  }

  /** The database in {@code schema} of the test PostgreSQL. */
  static NodeConfig.DbConfig postgresIn(PostgresSchema schema) {
    return new NodeConfig.DbConfig(schema.url(), schema.user(), schema.password(), 5);
  }
}
