package io.docgrid.node.config;

import io.docgrid.api.http.TrustedProxies;
import io.docgrid.api.outbound.OutboundAllowList;
import io.docgrid.api.webhooks.RetrySchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a node is configured with, typed and validated once at start-up and passed down by
 * constructor. No other code reads environment variables or system properties.
 */
public record NodeConfig(
    Path dataDir,
    Path blobDir,
    ApiConfig api,
    DbConfig db,
    GridConfig grid,
    JobsConfig jobs,
    SecurityConfig security,
    BlobStoreConfig blobStore,
    ResultCacheConfig resultCache,
    OutboundConfig outbound,
    ErrorTrackingConfig errorTracking) {

  /** A node that reports unexpected failures nowhere but its log. */
  public NodeConfig(
      Path dataDir,
      Path blobDir,
      ApiConfig api,
      DbConfig db,
      GridConfig grid,
      JobsConfig jobs,
      SecurityConfig security,
      BlobStoreConfig blobStore,
      ResultCacheConfig resultCache,
      OutboundConfig outbound) {
    this(
        dataDir,
        blobDir,
        api,
        db,
        grid,
        jobs,
        security,
        blobStore,
        resultCache,
        outbound,
        ErrorTrackingConfig.OFF);
  }

  /**
   * Where unexpected failures are reported (docs/monitoring.md, "Error tracking").
   *
   * @param sentryDsn the Sentry project's DSN, or null for none
   * @param environment the environment events are tagged with, or null for Sentry's default
   */
  public record ErrorTrackingConfig(String sentryDsn, String environment) {

    public static final ErrorTrackingConfig OFF = new ErrorTrackingConfig(null, null);

    public boolean enabled() {
      return sentryDsn != null;
    }

    /** The DSN holds the project's client key: the configuration logged at start never shows it. */
    @Override
    public String toString() {
      return "ErrorTrackingConfig[sentry="
          + (enabled() ? "<redacted>" : "off")
          + ", environment="
          + environment
          + "]";
    }
  }

  /**
   * @param maxQueuedJobs submissions are refused with 503 OVERLOADED while this many jobs wait
   * @param trustedProxies the proxies in front of the API whose X-Forwarded-* headers are believed
   * @param uploadExpiry how long a resumable upload may take, from its creation
   * @param uploadDir where the bytes of unfinished resumable uploads wait; null: {@code
   *     <data-dir>/uploads}
   * @param batchMaxItems the most documents one batch may have
   * @param eventStreamsMax the most job event streams (SSE) open on this node at once
   */
  public record ApiConfig(
      String host,
      int port,
      long maxUploadBytes,
      int maxQueuedJobs,
      TrustedProxies trustedProxies,
      Duration uploadExpiry,
      Path uploadDir,
      int batchMaxItems,
      int eventStreamsMax) {

    public static final int DEFAULT_MAX_QUEUED_JOBS = 10_000;
    public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);
    public static final int DEFAULT_BATCH_MAX_ITEMS = 1000;
    public static final int DEFAULT_EVENT_STREAMS_MAX = 100;

    public ApiConfig(
        String host,
        int port,
        long maxUploadBytes,
        int maxQueuedJobs,
        TrustedProxies trustedProxies,
        Duration uploadExpiry,
        Path uploadDir) {
      this(
          host,
          port,
          maxUploadBytes,
          maxQueuedJobs,
          trustedProxies,
          uploadExpiry,
          uploadDir,
          DEFAULT_BATCH_MAX_ITEMS,
          DEFAULT_EVENT_STREAMS_MAX);
    }

    public ApiConfig(
        String host,
        int port,
        long maxUploadBytes,
        int maxQueuedJobs,
        TrustedProxies trustedProxies) {
      this(host, port, maxUploadBytes, maxQueuedJobs, trustedProxies, DEFAULT_UPLOAD_EXPIRY, null);
    }

    /** Where resumable uploads are staged on a node whose data directory is {@code dataDir}. */
    public Path uploadDirUnder(Path dataDir) {
      return uploadDir != null ? uploadDir : dataDir.resolve("uploads");
    }

    public ApiConfig(String host, int port, long maxUploadBytes) {
      this(host, port, maxUploadBytes, DEFAULT_MAX_QUEUED_JOBS);
    }

    public ApiConfig(String host, int port, long maxUploadBytes, int maxQueuedJobs) {
      this(host, port, maxUploadBytes, maxQueuedJobs, TrustedProxies.none());
    }
  }

  /** {@code jdbcUrl} null means the embedded database under the data directory. */
  public record DbConfig(String jdbcUrl, String user, String password, int poolSize) {

    public boolean embedded() {
      return jdbcUrl == null;
    }

    @Override
    public String toString() {
      return "DbConfig[jdbcUrl="
          + (embedded() ? "embedded" : redactUrl(jdbcUrl))
          + ", user="
          + user
          + ", password="
          + (password == null || password.isEmpty() ? "<none>" : "<redacted>")
          + ", poolSize="
          + poolSize
          + "]";
    }

    private static String redactUrl(String url) {
      return url.replaceAll("(?i)(password=)[^&;]*", "$1<redacted>");
    }
  }

  /**
   * How this node joins the grid: the address it binds, its discovery and communication ports, how
   * it finds peers, whether it runs jobs, its off-heap budget (the default data region and the
   * result cache's region, the same on every server node), TLS between the nodes (null: plain TCP)
   * and how long it tries to join before giving up (zero: for ever).
   */
  public record GridConfig(
      String nodeName,
      String bindAddress,
      int discoveryPort,
      int discoveryPortRange,
      int communicationPort,
      Discovery discovery,
      boolean compute,
      long dataRegionBytes,
      long resultCacheBytes,
      GridTls tls,
      Duration joinTimeout) {

    /** Static discovery on {@code seeds}, plain TCP, no join timeout. */
    public GridConfig(
        String nodeName,
        String bindAddress,
        int discoveryPort,
        int discoveryPortRange,
        int communicationPort,
        List<String> seeds,
        boolean compute,
        long dataRegionBytes,
        long resultCacheBytes) {
      this(
          nodeName,
          bindAddress,
          discoveryPort,
          discoveryPortRange,
          communicationPort,
          new Discovery.Static(seeds),
          compute,
          dataRegionBytes,
          resultCacheBytes,
          null,
          Duration.ZERO);
    }

    /** The static seed addresses; none with another kind of discovery. */
    public List<String> seeds() {
      return discovery instanceof Discovery.Static fixed ? fixed.seeds() : List.of();
    }
  }

  /**
   * How this API node uses the cluster's result cache: whether at all, how long what it stores
   * lives, and how much of it this node keeps on its heap.
   */
  /**
   * Requests to URLs that callers name (webhooks, documents by URL), all through the outbound
   * guard.
   *
   * @param allow what the guard lets through although it is internal ({@code --outbound-allow})
   * @param timeout longest wait to connect, and longest silence of the other side
   * @param webhookRetries when a failed webhook delivery is tried again, and how often
   * @param webhookDisableAfter dead deliveries in a row that disable an endpoint
   * @param urlFetchTimeout the longest the fetch of a job's document from a URL may take
   */
  public record OutboundConfig(
      OutboundAllowList allow,
      Duration timeout,
      RetrySchedule webhookRetries,
      int webhookDisableAfter,
      Duration urlFetchTimeout) {

    public static final int DEFAULT_DISABLE_AFTER = 5;
    public static final Duration DEFAULT_URL_FETCH_TIMEOUT = Duration.ofSeconds(60);

    public OutboundConfig(
        OutboundAllowList allow,
        Duration timeout,
        RetrySchedule webhookRetries,
        int webhookDisableAfter) {
      this(allow, timeout, webhookRetries, webhookDisableAfter, DEFAULT_URL_FETCH_TIMEOUT);
    }

    public static OutboundConfig defaults() {
      return new OutboundConfig(
          OutboundAllowList.none(),
          Duration.ofSeconds(10),
          RetrySchedule.DEFAULT,
          DEFAULT_DISABLE_AFTER);
    }
  }

  public record ResultCacheConfig(boolean enabled, Duration ttl, long nearCacheBytes) {

    public static ResultCacheConfig disabled() {
      return new ResultCacheConfig(false, Duration.ZERO, 0);
    }
  }

  /**
   * How jobs run: the time limit of one document, the grace period at shutdown, and how many pages
   * of a PDF one grid job takes (larger documents are split across the compute nodes).
   *
   * @param workerHeap the heap of each extraction child JVM
   * @param workerProcesses extraction child JVMs at most
   * @param workerThreads documents each extraction child works on at once
   * @param extractionJvmOptions more options for each extraction child's JVM
   * @param lease how long an API node holds a job it dispatched without renewing it
   * @param gpu whether pages are preprocessed on the node's GPUs
   */
  public record JobsConfig(
      Duration timeout,
      Duration shutdownGrace,
      int pagesPerJob,
      Duration pageTimeout,
      Isolation isolation,
      String workerHeap,
      int workerProcesses,
      int workerThreads,
      List<String> extractionJvmOptions,
      Duration lease,
      GpuMode gpu) {

    /** How long an API node holds a job it dispatched without renewing it. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    public JobsConfig {
      extractionJvmOptions = List.copyOf(extractionJvmOptions);
    }

    /** Documents this node's extraction works on at once: its slots for grid jobs. */
    public int documentsAtOnce() {
      return workerProcesses * workerThreads;
    }
  }

  /** Where documents are parsed and OCRed on a compute node. */
  public enum Isolation {
    /** In supervised child JVMs: a hostile document can only take down its child. */
    PROCESS,
    /** In the node's JVM: faster to start, for trusted input. */
    NONE
  }
}
