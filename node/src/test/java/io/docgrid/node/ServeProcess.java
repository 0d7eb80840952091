package io.docgrid.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** `docgrid serve` in a JVM of its own, for tests where a process dies or restarts. */
final class ServeProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  final HttpApi http;

  private ServeProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.http = new HttpApi("http://127.0.0.1:" + port);
  }

  static ServeProcess start(Path dataDir, Path log, String... extraArgs) throws Exception {
    int port = FreePorts.block(1);
    int discovery = FreePorts.block(5);
    int communication = FreePorts.block(5);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(
        Arrays.asList(System.getProperty("docgrid.ignite.jvm.flags", "").trim().split("\\s+")));
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(Main.class.getName());
    command.addAll(
        List.of(
            "serve",
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(port),
            "--discovery-port",
            Integer.toString(discovery),
            "--discovery-port-range",
            "5",
            "--communication-port",
            Integer.toString(communication),
            "--grid-memory",
            "64MB"));
    command.addAll(Arrays.asList(extraArgs));
    command.removeIf(String::isEmpty);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ServeProcess serve = new ServeProcess(process, log, port);
    serve.awaitHealthy(Duration.ofSeconds(90));
    return serve;
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("serve exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        if (http.get("/api/v1/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("serve did not come up:\n" + tail());
  }

  /** SIGKILL: no shutdown hook, no cleanup, like a power cut. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the graceful path; returns the exit code. */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("serve did not stop on SIGTERM:\n" + tail());
    }
    return process.exitValue();
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(
          File.separator.equals("/") ? "\n" : "\r\n",
          lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
