package io.docgrid.ops.docker;

import io.docgrid.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `serve` (API only, jobs in PostgreSQL) and two `worker` containers, joined by static discovery on
 * 127.0.0.1 with ports of their own, sharing one blob directory that each mounts. Each node has a
 * data directory of its own.
 */
final class StagingCluster implements AutoCloseable {

  // Generous: on a loaded machine the job in flight takes tens of seconds to drain.
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(90);
  static final Duration STOP_TIMEOUT = SHUTDOWN_GRACE.plusSeconds(15);
  static final String WORKER_MEMORY_MIB = "2048";
  private static final Duration START = Duration.ofMinutes(3);

  final NodeContainer serve;
  final NodeApi api;
  final List<NodeContainer> workers = new ArrayList<>();
  final List<NodeApi> workerStatus = new ArrayList<>();

  private StagingCluster(NodeContainer serve, NodeApi api) {
    this.serve = serve;
    this.api = api;
  }

  static StagingCluster start(Docker docker, String image, TestSchema database, Path directory)
      throws Exception {
    Path blobs = writableDirectory(directory.resolve("blobs"));
    int discovery = FreePorts.block(3);
    int communication = FreePorts.block(3);
    String seeds = "127.0.0.1:" + discovery + ".." + (discovery + 2);
    String prefix = "docgrid-staging-" + ProcessHandle.current().pid();

    int apiPort = FreePorts.block(1);
    List<String> serveArgs = new ArrayList<>(List.of("serve", "--host", "127.0.0.1"));
    serveArgs.addAll(List.of("--port", Integer.toString(apiPort), "--no-compute"));
    serveArgs.addAll(List.of("--db-url", database.url(), "--db-user", database.user));
    serveArgs.addAll(List.of("--pages-per-job", "1", "--job-lease", "6s"));
    serveArgs.addAll(List.of("--shutdown-grace", SHUTDOWN_GRACE.toSeconds() + "s"));
    serveArgs.addAll(grid(discovery, communication, seeds));
    NodeContainer serve =
        NodeContainer.start(
            docker,
            image,
            prefix + "-serve",
            writableDirectory(directory.resolve("serve")),
            blobs,
            "1536m",
            STOP_TIMEOUT,
            database.password.isEmpty()
                ? Map.of()
                : Map.of("DOCGRID_DB_PASSWORD", database.password),
            serveArgs);
    StagingCluster cluster = new StagingCluster(serve, NodeApi.ofServe(apiPort));
    try {
      // Its HTTP server starts once its grid node is up: a worker that asks to join a node still
      // starting is turned away, and gives up rather than start a grid of its own.
      Await.until(
          "serve answers",
          START,
          () -> cluster.allRunning() && cluster.api.answers("/api/v1/health", ""),
          cluster::tails);
      for (int i = 1; i <= 2; i++) {
        int statusPort = FreePorts.block(1);
        List<String> workerArgs = new ArrayList<>(List.of("worker", "--status-host", "127.0.0.1"));
        workerArgs.addAll(List.of("--status-port", Integer.toString(statusPort)));
        workerArgs.addAll(List.of("--worker-processes", "1", "--worker-heap", "256m"));
        workerArgs.addAll(grid(discovery + i, communication + i, seeds));
        cluster.workers.add(
            NodeContainer.start(
                docker,
                image,
                prefix + "-worker-" + i,
                writableDirectory(directory.resolve("worker-" + i)),
                blobs,
                WORKER_MEMORY_MIB + "m",
                STOP_TIMEOUT,
                Map.of(),
                workerArgs));
        cluster.workerStatus.add(NodeApi.ofWorker(statusPort));
      }
      cluster.awaitReady();
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** Until serve sees all three server nodes and every worker is ready. */
  void awaitReady() throws Exception {
    Await.until(
        "serve ready with 3 server nodes",
        START,
        () -> allRunning() && api.answers("/api/v1/ready", "\"3 server nodes\""),
        this::tails);
    for (NodeApi status : workerStatus) {
      Await.until("a worker ready", START, () -> status.answers("/api/v1/ready", ""), this::tails);
    }
  }

  /** Every node's container, serve first. */
  List<NodeContainer> all() {
    List<NodeContainer> all = new ArrayList<>(List.of(serve));
    all.addAll(workers);
    return all;
  }

  /** Whether every container runs; fails at once when one has exited. */
  private boolean allRunning() throws Exception {
    for (NodeContainer container : all()) {
      if (!container.inspect("{{.State.Running}}").equals("true")) {
        throw new AssertionError(container.name + " exited" + tails());
      }
    }
    return true;
  }

  /** The end of every container's log, for assertion messages. */
  String tails() throws Exception {
    StringBuilder tails = new StringBuilder(serve.tail());
    for (NodeContainer worker : workers) {
      tails.append(worker.tail());
    }
    return tails.toString();
  }

  /** Removes the containers; their logs stay in ops/target/staging-logs. */
  @Override
  public void close() throws Exception {
    Path logs = Path.of("target", "staging-logs");
    for (NodeContainer worker : workers) {
      worker.removeKeepingLog(logs);
    }
    serve.removeKeepingLog(logs);
  }

  private static List<String> grid(int discoveryPort, int communicationPort, String seeds) {
    return List.of(
        "--bind-address",
        "127.0.0.1",
        "--discovery-port",
        Integer.toString(discoveryPort),
        "--discovery-port-range",
        "1",
        "--communication-port",
        Integer.toString(communicationPort),
        "--seeds",
        seeds,
        "--blob-dir",
        NodeContainer.BLOB_DIR);
  }

  /** A host directory the node's user (uid 10001 in the image) can write, whoever runs this. */
  private static Path writableDirectory(Path directory) throws Exception {
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    return directory;
  }
}
