package io.docgrid.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a node is configured with, typed and validated once at start-up and passed down by
 * constructor. No other code reads environment variables or system properties.
 */
public record NodeConfig(
    Path dataDir, Path blobDir, ApiConfig api, DbConfig db, GridConfig grid, JobsConfig jobs) {

  public record ApiConfig(String host, int port, long maxUploadBytes) {}

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
   * How this node joins the grid: the address it binds, its discovery and communication ports, the
   * seed addresses it looks for peers on, whether it runs jobs, and its off-heap budget.
   */
  public record GridConfig(
      String nodeName,
      String bindAddress,
      int discoveryPort,
      int discoveryPortRange,
      int communicationPort,
      List<String> seeds,
      boolean compute,
      long dataRegionBytes) {}

  /**
   * How jobs run: the time limit of one document, the grace period at shutdown, and how many pages
   * of a PDF one grid job takes (larger documents are split across the compute nodes).
   */
  public record JobsConfig(
      Duration timeout,
      Duration shutdownGrace,
      int pagesPerJob,
      Duration pageTimeout,
      Isolation isolation,
      String workerHeap,
      int workerProcesses) {}

  /** Where documents are parsed and OCRed on a compute node. */
  public enum Isolation {
    /** In supervised child JVMs: a hostile document can only take down its child. */
    PROCESS,
    /** In the node's JVM: faster to start, for trusted input. */
    NONE
  }
}
