package io.docgrid.node.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options of {@code docgrid serve}, as given, and their validation into a {@link NodeConfig}.
 * Values stay strings until validation so that every problem can be reported at once.
 */
public final class ServeOptions {

  private static final Pattern SEED =
      Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(\\.\\.\\d{1,5})?");

  @Option(
      names = "--data-dir",
      description =
          "Where the embedded database, blobs and grid files live (default: ${DEFAULT-VALUE}).",
      defaultValue = "./docgrid-data")
  String dataDir;

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
      names = "--max-upload-size",
      description = "Largest accepted document, e.g. 100MB (default: ${DEFAULT-VALUE}).",
      defaultValue = "100MB")
  String maxUploadSize;

  @Option(
      names = "--db-url",
      description =
          "JDBC URL of PostgreSQL (jdbc:postgresql://host:5432/db); empty: the embedded database.")
  String dbUrl;

  @Option(
      names = "--db-user",
      description = "Database user (default: ${DEFAULT-VALUE}).",
      defaultValue = "docgrid")
  String dbUser;

  @Option(
      names = "--db-password-file",
      description = "File holding the database password. Or set DOCGRID_DB_PASSWORD; never a flag.")
  Path dbPasswordFile;

  @Option(
      names = "--db-pool-size",
      description = "Database connections (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  String dbPoolSize;

  @Option(names = "--node-name", description = "Name of this grid node (default: generated).")
  String nodeName;

  @Option(
      names = "--bind-address",
      description =
          "Address the grid binds for discovery and communication (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String bindAddress;

  @Option(
      names = "--discovery-port",
      description = "First grid discovery port (default: ${DEFAULT-VALUE}).",
      defaultValue = "47500")
  String discoveryPort;

  @Option(
      names = "--discovery-port-range",
      description =
          "How many discovery ports from the first may be used (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  String discoveryPortRange;

  @Option(
      names = "--communication-port",
      description = "First grid communication port (default: ${DEFAULT-VALUE}).",
      defaultValue = "47100")
  String communicationPort;

  @Option(
      names = "--seeds",
      split = ",",
      description =
          "Addresses where peers are found, host:port or host:from..to (default: the discovery ports on 127.0.0.1).")
  List<String> seeds;

  @Option(
      names = "--compute",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run document jobs on this node (default: ${DEFAULT-VALUE}); --no-compute makes an API-only node.")
  boolean compute;

  @Option(
      names = "--grid-memory",
      description = "Off-heap memory for the grid's data region (default: ${DEFAULT-VALUE}).",
      defaultValue = "256MB")
  String gridMemory;

  @Option(
      names = "--job-timeout",
      description = "Longest a document may take, e.g. 10m (default: ${DEFAULT-VALUE}).",
      defaultValue = "10m")
  String jobTimeout;

  @Option(
      names = "--shutdown-grace",
      description =
          "How long a stopping node lets running jobs finish (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  String shutdownGrace;

  @Option(
      names = "--blob-dir",
      description =
          "Where uploaded documents and results are stored (default: <data-dir>/blobs). Nodes on"
              + " one host that share it can work on each other's documents.")
  String blobDir;

  @Option(
      names = "--pages-per-job",
      description =
          "Pages of a PDF one grid job processes; longer documents are split across the compute"
              + " nodes (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  String pagesPerJob;

  @Option(
      names = "--page-timeout",
      description =
          "Longest one page may take; a slower page fails alone, the rest of the document still"
              + " comes back (default: ${DEFAULT-VALUE}).",
      defaultValue = "2m")
  String pageTimeout;

  @Option(
      names = "--isolation",
      description =
          "Where documents are parsed and OCRed: process (supervised child JVMs, the default) or"
              + " none (in the node's JVM).",
      defaultValue = "process")
  String isolation;

  @Option(
      names = "--worker-heap",
      description = "Heap of each extraction child JVM (default: ${DEFAULT-VALUE}).",
      defaultValue = "1g")
  String workerHeap;

  @Option(
      names = "--worker-processes",
      description = "Extraction child JVMs at most (default: the number of CPU cores).")
  String workerProcesses;

  /** The password comes from the environment or a file only, so it never shows in `ps`. */
  private final String environmentPassword;

  public ServeOptions() {
    this(System.getenv("DOCGRID_DB_PASSWORD"));
  }

  ServeOptions(String environmentPassword) {
    this.environmentPassword = environmentPassword;
  }

  public NodeConfig toConfig() {
    List<String> problems = new ArrayList<>();
    Path data = Path.of(dataDir);

    int apiPort = port(problems, "--port", port, true);
    long maxUpload = ByteSize.parse(maxUploadSize);
    if (maxUpload <= 0) {
      problems.add(
          "--max-upload-size (DOCGRID_MAX_UPLOAD_SIZE) must be a size such as 100MB, got '"
              + maxUploadSize
              + "'");
    }

    String url = dbUrl == null || dbUrl.isBlank() ? null : dbUrl.trim();
    if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      problems.add(
          "--db-url (DOCGRID_DB_URL) must start with jdbc:postgresql: (or jdbc:h2: for an external H2 file)");
    }
    String password = readPassword(problems);
    int pool = positive(problems, "--db-pool-size", dbPoolSize, 1, 200);

    int discovery = port(problems, "--discovery-port", discoveryPort, false);
    int range = positive(problems, "--discovery-port-range", discoveryPortRange, 1, 100);
    int communication = port(problems, "--communication-port", communicationPort, false);
    List<String> seedList =
        seeds == null || seeds.isEmpty()
            ? List.of(bindAddress + ":" + discovery + ".." + (discovery + Math.max(range, 1) - 1))
            : seeds.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String seed : seedList) {
      if (!SEED.matcher(seed).matches()) {
        problems.add(
            "--seeds (DOCGRID_SEEDS) entries must be host:port or host:from..to, got '"
                + seed
                + "'");
      }
    }
    long region = ByteSize.parse(gridMemory);
    if (region < 32L << 20) {
      problems.add(
          "--grid-memory (DOCGRID_GRID_MEMORY) must be a size of at least 32MB, got '"
              + gridMemory
              + "'");
    }
    var timeout = Durations.parse(jobTimeout);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      problems.add(
          "--job-timeout (DOCGRID_JOB_TIMEOUT) must be a positive duration such as 10m, got '"
              + jobTimeout
              + "'");
    }
    int pagesPerGridJob = positive(problems, "--pages-per-job", pagesPerJob, 1, 1000);
    NodeConfig.Isolation isolationMode =
        switch (isolation == null ? "" : isolation.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "process" -> NodeConfig.Isolation.PROCESS;
          case "none" -> NodeConfig.Isolation.NONE;
          default -> {
            problems.add(
                "--isolation (DOCGRID_ISOLATION) must be process or none, got '" + isolation + "'");
            yield NodeConfig.Isolation.PROCESS;
          }
        };
    if (!workerHeap.matches("\\d{1,6}[mMgG]")) {
      problems.add(
          "--worker-heap (DOCGRID_WORKER_HEAP) must be a JVM heap size such as 512m or 2g, got '"
              + workerHeap
              + "'");
    }
    int children =
        workerProcesses == null || workerProcesses.isBlank()
            ? Runtime.getRuntime().availableProcessors()
            : positive(problems, "--worker-processes", workerProcesses, 1, 256);
    var perPage = Durations.parse(pageTimeout);
    if (perPage == null || perPage.isNegative() || perPage.isZero()) {
      problems.add(
          "--page-timeout (DOCGRID_PAGE_TIMEOUT) must be a positive duration such as 2m, got '"
              + pageTimeout
              + "'");
    }
    var grace = Durations.parse(shutdownGrace);
    if (grace == null || grace.isNegative()) {
      problems.add(
          "--shutdown-grace (DOCGRID_SHUTDOWN_GRACE) must be a duration such as 30s, got '"
              + shutdownGrace
              + "'");
    }
    String name =
        nodeName == null || nodeName.isBlank()
            ? "docgrid-" + UUID.randomUUID().toString().substring(0, 8)
            : nodeName.trim();

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new NodeConfig(
        data,
        blobDir == null || blobDir.isBlank() ? data.resolve("blobs") : Path.of(blobDir),
        new NodeConfig.ApiConfig(host, apiPort, maxUpload),
        new NodeConfig.DbConfig(url, url == null ? "sa" : dbUser, password, pool),
        new NodeConfig.GridConfig(
            name, bindAddress, discovery, range, communication, seedList, compute, region),
        new NodeConfig.JobsConfig(
            timeout, grace, pagesPerGridJob, perPage, isolationMode, workerHeap, children));
  }

  private String readPassword(List<String> problems) {
    if (dbPasswordFile != null) {
      try {
        return java.nio.file.Files.readString(dbPasswordFile).strip();
      } catch (java.io.IOException e) {
        problems.add(
            "--db-password-file (DOCGRID_DB_PASSWORD_FILE) cannot be read: " + dbPasswordFile);
        return null;
      }
    }
    return environmentPassword == null ? "" : environmentPassword;
  }

  private static int port(List<String> problems, String flag, String value, boolean zeroAllowed) {
    int parsed = parseInt(value);
    if (parsed < (zeroAllowed ? 0 : 1) || parsed > 65535) {
      problems.add(
          flag
              + " ("
              + EnvironmentDefaults.variableFor(flag)
              + ") must be a port number"
              + (zeroAllowed ? " from 0" : " from 1")
              + " to 65535, got '"
              + value
              + "'");
    }
    return parsed;
  }

  private static int positive(List<String> problems, String flag, String value, int min, int max) {
    int parsed = parseInt(value);
    if (parsed < min || parsed > max) {
      problems.add(
          flag
              + " ("
              + EnvironmentDefaults.variableFor(flag)
              + ") must be an integer from "
              + min
              + " to "
              + max
              + ", got '"
              + value
              + "'");
    }
    return parsed;
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (RuntimeException e) {
      return Integer.MIN_VALUE;
    }
  }
}
