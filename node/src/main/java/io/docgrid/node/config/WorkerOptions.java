package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code docgrid worker}: where its files are, how it joins the grid (with no flags
 * it joins a {@code serve} on the same host), how it runs jobs, and its status port.
 */
public final class WorkerOptions {

  /** The pages-per-job setting belongs to the submitting side; a worker never cuts documents. */
  private static final int UNUSED_PAGES_PER_JOB = 8;

  @Option(
      names = "--data-dir",
      description =
          "Where OCR models and grid files live; the blob store defaults to <data-dir>/blobs, so a"
              + " worker given serve's data directory shares its documents (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = DatabaseOptions.DEFAULT_DATA_DIR)
  String dataDir;

  @Option(
      names = "--blob-dir",
      description = "Where documents are read from (default: <data-dir>/blobs).")
  String blobDir;

  @Option(
      names = "--status-host",
      description =
          "Address of the health, readiness and metrics endpoint (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String statusHost;

  @Option(
      names = "--status-port",
      description =
          "Port of /api/v1/health, /api/v1/ready and /api/v1/metrics; 0 picks a free one"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "9464")
  String statusPort;

  @Mixin GridOptions grid;

  @Mixin JobsOptions jobs;

  // Made by Main's factory, which hands it the environment (S3 credentials).
  @Mixin BlobStoreOptions blobStore;

  public WorkerConfig toConfig() {
    List<String> problems = new ArrayList<>();
    Path data = Path.of(dataDir);
    int port = Numbers.port(problems, "--status-port", statusPort, true);
    NodeConfig.GridConfig gridConfig = grid.toConfig(problems, true);
    NodeConfig.JobsConfig jobsConfig = jobs.toConfig(problems, UNUSED_PAGES_PER_JOB);
    BlobStoreConfig blobStoreConfig = blobStore.toConfig(problems, data);
    if (blobStore.isS3() && blobDir != null && !blobDir.isBlank()) {
      problems.add(setting("--blob-dir") + " applies to --blob-store local only");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new WorkerConfig(
        data,
        blobDir == null || blobDir.isBlank() ? data.resolve("blobs") : Path.of(blobDir),
        gridConfig,
        jobsConfig,
        statusHost,
        port,
        blobStoreConfig);
  }
}
