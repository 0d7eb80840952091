package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import io.docgrid.api.http.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code docgrid serve}, as given, and their validation into a {@link NodeConfig}.
 * Values stay strings until validation so that every problem can be reported at once. The database
 * options are {@link DatabaseOptions}, shared with the commands that open the database offline.
 */
public final class ServeOptions {

  // Mixins are made by Main's factory, which hands them the environment.
  @Mixin DatabaseOptions database;

  @Option(
      names = "--host",
      description = "Address the HTTP API binds (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(
      names = "--port",
      description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "8080")
  String port;

  @Option(
      names = "--trusted-proxies",
      split = ",",
      description =
          "Addresses or CIDR ranges of the proxies in front of the API, e.g. 10.0.0.0/8; only"
              + " requests from them may set the client address, scheme and host with"
              + " X-Forwarded-For, -Proto, -Host and -Port (default: none).")
  List<String> trustedProxies;

  @Option(
      names = "--max-upload-size",
      description = "Largest accepted document, e.g. 100MB (default: ${DEFAULT-VALUE}).",
      defaultValue = "100MB")
  String maxUploadSize;

  @Option(
      names = "--upload-expiry",
      description =
          "How long a resumable upload may take from its creation before it and its bytes are"
              + " deleted, e.g. 24h (default: ${DEFAULT-VALUE}).",
      defaultValue = "24h")
  String uploadExpiry;

  @Option(
      names = "--upload-dir",
      description =
          "Where the bytes of unfinished resumable uploads wait (default: <data-dir>/uploads)."
              + " API nodes behind one address must share it, or route an upload's requests to"
              + " the node that created it.")
  String uploadDir;

  @Option(
      names = "--batch-max-items",
      description = "The most documents one batch may have (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + NodeConfig.ApiConfig.DEFAULT_BATCH_MAX_ITEMS)
  String batchMaxItems;

  @Option(
      names = "--event-streams-max",
      description =
          "The most job event streams (GET /api/v1/jobs/{id}/events) open on this node at once;"
              + " beyond it they get 503 TOO_MANY_EVENT_STREAMS (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + NodeConfig.ApiConfig.DEFAULT_EVENT_STREAMS_MAX)
  String eventStreamsMax;

  @Option(
      names = "--compute",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run document jobs on this node (default: ${DEFAULT-VALUE}); --no-compute makes an API-only node.")
  boolean compute;

  @Option(
      names = "--blob-dir",
      description =
          "Where uploaded documents and results are stored (default: <data-dir>/blobs). Nodes on"
              + " one host that share it can work on each other's documents.")
  String blobDir;

  @Mixin BlobStoreOptions blobStore;

  @Option(
      names = "--pages-per-job",
      description =
          "Pages of a PDF one grid job processes; longer documents are split across the compute"
              + " nodes (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  String pagesPerJob;

  @Option(
      names = "--max-queued-jobs",
      description =
          "Jobs that may wait at once; beyond it submissions get 503 OVERLOADED with Retry-After"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + NodeConfig.ApiConfig.DEFAULT_MAX_QUEUED_JOBS)
  String maxQueuedJobs;

  @Mixin GridOptions grid;

  @Mixin JobsOptions jobs;

  @Mixin SecurityOptions security;

  @Mixin ResultCacheOptions resultCache;

  @Mixin OutboundOptions outbound;
  @Mixin ErrorTrackingOptions errorTracking;

  public NodeConfig toConfig() {
    List<String> problems = new ArrayList<>();
    Path data = database.dataDir();

    int apiPort = Numbers.port(problems, "--port", port, true);
    long maxUpload = ByteSize.parse(maxUploadSize);
    if (maxUpload <= 0) {
      problems.add(
          setting("--max-upload-size")
              + " must be a size such as 100MB, got '"
              + maxUploadSize
              + "'");
    }

    Duration expiry = Durations.parse(uploadExpiry);
    if (expiry == null || expiry.isNegative() || expiry.isZero()) {
      problems.add(
          setting("--upload-expiry")
              + " must be a duration such as 24h, got '"
              + uploadExpiry
              + "'");
    }

    NodeConfig.DbConfig db = database.toConfig(problems);
    TrustedProxies proxies = trustedProxies(problems);

    int pagesPerGridJob = Numbers.inRange(problems, "--pages-per-job", pagesPerJob, 1, 1000);
    int queueLimit = Numbers.inRange(problems, "--max-queued-jobs", maxQueuedJobs, 1, 10_000_000);
    int batchItems = Numbers.inRange(problems, "--batch-max-items", batchMaxItems, 1, 100_000);
    int eventStreams =
        Numbers.inRange(problems, "--event-streams-max", eventStreamsMax, 1, 100_000);
    NodeConfig.GridConfig gridConfig = grid.toConfig(problems, compute);
    NodeConfig.JobsConfig jobsConfig = jobs.toConfig(problems, pagesPerGridJob);
    SecurityConfig securityConfig = security.toConfig(problems);
    NodeConfig.ResultCacheConfig resultCacheConfig = resultCache.toConfig(problems);
    NodeConfig.OutboundConfig outboundConfig = outbound.toConfig(problems);
    NodeConfig.ErrorTrackingConfig errorTrackingConfig = errorTracking.toConfig(problems);

    BlobStoreConfig blobStoreConfig = blobStore.toConfig(problems, data);
    if (blobStore.isS3()) {
      if (blobDir != null && !blobDir.isBlank()) {
        problems.add(setting("--blob-dir") + " applies to --blob-store local only");
      }
      // One PutObject carries a document, and S3 takes at most 5 GiB in one.
      if (maxUpload > 5L << 30) {
        problems.add(setting("--max-upload-size") + " can be at most 5GB with --blob-store s3");
      }
    }

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new NodeConfig(
        data,
        blobDir == null || blobDir.isBlank() ? data.resolve("blobs") : Path.of(blobDir),
        new NodeConfig.ApiConfig(
            host,
            apiPort,
            maxUpload,
            queueLimit,
            proxies,
            expiry,
            uploadDir == null || uploadDir.isBlank() ? null : Path.of(uploadDir),
            batchItems,
            eventStreams),
        db,
        gridConfig,
        jobsConfig,
        securityConfig,
        blobStoreConfig,
        resultCacheConfig,
        outboundConfig,
        errorTrackingConfig);
  }

  private TrustedProxies trustedProxies(List<String> problems) {
    List<String> entries =
        trustedProxies == null
            ? List.of()
            : trustedProxies.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
    List<String> invalid =
        entries.stream().filter(entry -> !TrustedProxies.isAddressOrRange(entry)).toList();
    if (!invalid.isEmpty()) {
      problems.add(
          setting("--trusted-proxies")
              + " entries must be IP addresses or CIDR ranges such as 10.0.0.0/8, got '"
              + String.join("', '", invalid)
              + "'");
      return TrustedProxies.none();
    }
    return TrustedProxies.of(entries);
  }
}
