package io.docgrid.node;

import io.docgrid.node.wiring.FirstAdminKey;
import io.docgrid.testkit.DocgridJvm;
import io.docgrid.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** `docgrid serve` in a JVM of its own, for tests where a process dies or restarts. */
final class ServeProcess implements AutoCloseable {

  private final DocgridProcess process;

  /** The API, called with the data directory's first admin key once the node is up. */
  HttpApi http;

  private ServeProcess(DocgridProcess process, int port) {
    this.process = process;
    this.http = new HttpApi("http://127.0.0.1:" + port);
  }

  /** A serve on grid ports of its own, so that it forms a cluster of one. */
  static ServeProcess start(Path dataDir, Path log, String... extraArgs) throws Exception {
    return startWithGridDefaults(
        dataDir, log, GridProcesses.gridOnFreePorts(extraArgs).toArray(String[]::new));
  }

  /** A serve on the default grid ports, which workers on this host join with no flags. */
  static ServeProcess startWithGridDefaults(Path dataDir, Path log, String... extraArgs)
      throws Exception {
    return startWithGridDefaults(dataDir, log, List.of(), extraArgs);
  }

  /** The same, in a JVM with {@code jvmOptions} added. */
  static ServeProcess startWithGridDefaults(
      Path dataDir, Path log, List<String> jvmOptions, String... extraArgs) throws Exception {
    int port = FreePorts.block(1);
    List<String> args = DocgridJvm.serve(dataDir, port, "--grid-memory", "64MB");
    args.addAll(Arrays.asList(extraArgs));
    ServeProcess serve = new ServeProcess(DocgridProcess.launch(log, jvmOptions, args), port);
    serve.process.awaitOk(serve.http.base + "/api/v1/health", Duration.ofSeconds(90));
    Path adminKey = dataDir.resolve(FirstAdminKey.FILE_NAME);
    if (Files.exists(adminKey)) {
      serve.http = serve.http.as(Files.readString(adminKey).strip());
    }
    return serve;
  }

  /** SIGKILL: no shutdown hook, no cleanup, like a power cut. */
  void kill() throws InterruptedException {
    process.kill();
  }

  /** SIGTERM: the graceful path; returns the exit code. */
  int terminate(Duration timeout) throws InterruptedException {
    return process.terminate(timeout);
  }

  String tail() {
    return process.tail();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
