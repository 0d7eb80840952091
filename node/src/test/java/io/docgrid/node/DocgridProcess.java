package io.docgrid.node;

import io.docgrid.testkit.DocgridJvm;
import io.docgrid.testkit.Eventually;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docgrid} command in a JVM of its own, for tests where processes join, die or restart.
 */
final class DocgridProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private DocgridProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code docgrid <args>} with its output appended to {@code log}. */
  static DocgridProcess launch(Path log, List<String> args) throws IOException {
    return launch(log, List.of(), args);
  }

  /** Starts {@code docgrid <args>} in a JVM with {@code jvmOptions} added to its own. */
  static DocgridProcess launch(Path log, List<String> jvmOptions, List<String> args)
      throws IOException {
    Process process =
        DocgridJvm.processBuilder("512m", jvmOptions, args)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new DocgridProcess(process, log);
  }

  /**
   * Waits until {@code url} answers 200, failing with the log's tail if the process dies. A process
   * that never gets there is killed, so that a failed start leaves nothing running.
   */
  void awaitOk(String url, Duration timeout) throws Exception {
    try {
      awaitAnswer(url, timeout);
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  private void awaitAnswer(String url, Duration timeout) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    Eventually.await(
        url + " answering 200",
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("docgrid exited with " + process.exitValue() + ":\n" + tail());
          }
          try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (IOException notYet) {
            return -1; // not listening yet
          }
        },
        status -> status == 200,
        () -> "\n" + tail());
  }

  /** The exit code once the process has exited within {@code timeout}; null if it still runs. */
  Integer awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no cleanup, like a power cut. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the graceful path; returns the exit code. */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("docgrid did not stop on SIGTERM:\n" + tail());
    }
    return process.exitValue();
  }

  /** Everything the process wrote. */
  String output() throws IOException {
    return Files.readString(log);
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
