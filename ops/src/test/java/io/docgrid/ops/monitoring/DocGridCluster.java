package io.docgrid.ops.monitoring;

import io.docgrid.testkit.Readiness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DocGrid cluster of real processes: one {@code serve --no-compute} (the API, the database) and
 * one {@code worker} (the only compute node), on free loopback ports of their own, so that it meets
 * no other cluster on this machine.
 */
final class DocGridCluster implements AutoCloseable {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path directory;
  private final int apiPort = freePort();
  private final int workerStatusPort = freePort();
  private final List<Process> processes = new ArrayList<>();
  private Process worker;
  private String adminKey;

  private DocGridCluster(Path directory) {
    this.directory = directory;
  }

  /** Starts both nodes in {@code directory} and waits until the API is ready with the worker. */
  static DocGridCluster start(Path directory) throws Exception {
    DocGridCluster cluster = new DocGridCluster(directory);
    try {
      cluster.launch();
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private void launch() throws Exception {
    int serveDiscovery = freePort();
    int workerDiscovery = freePort();
    String seeds = "127.0.0.1:" + serveDiscovery + ",127.0.0.1:" + workerDiscovery;
    Path data = directory.resolve("data");
    processes.add(
        node(
            "serve",
            List.of(
                "serve",
                "--data-dir",
                data.toString(),
                "--port",
                Integer.toString(apiPort),
                "--no-compute",
                "--discovery-port",
                Integer.toString(serveDiscovery),
                "--discovery-port-range",
                "1",
                "--communication-port",
                Integer.toString(freePort()),
                "--seeds",
                seeds,
                "--grid-memory",
                "64MB")));
    worker =
        node(
            "worker",
            List.of(
                "worker",
                "--data-dir",
                data.toString(),
                "--status-port",
                Integer.toString(workerStatusPort),
                "--discovery-port",
                Integer.toString(workerDiscovery),
                "--discovery-port-range",
                "1",
                "--communication-port",
                Integer.toString(freePort()),
                "--seeds",
                seeds,
                "--grid-memory",
                "64MB",
                "--worker-processes",
                "1",
                "--worker-threads",
                "1",
                "--worker-heap",
                "256m"));
    processes.add(worker);
    awaitReady(apiUrl() + "/api/v1/ready");
    awaitReady(workerStatusUrl() + "/api/v1/ready");
    adminKey = Files.readString(data.resolve("admin.key")).strip();
  }

  private Process node(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        Arrays.asList(System.getProperty("docgrid.ignite.jvm.flags", "").trim().split("\\s+")));
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("io.docgrid.node.Main");
    command.addAll(args);
    command.removeIf(String::isEmpty);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve(name + ".log").toFile())
        .start();
  }

  /** Waits until the API reports a compute node, or a worker its readiness. */
  private void awaitReady(String url) throws Exception {
    Readiness.await(url, Duration.ofSeconds(150), processes, "the logs in " + directory);
  }

  String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  String apiTarget() {
    return "127.0.0.1:" + apiPort;
  }

  String workerStatusUrl() {
    return "http://127.0.0.1:" + workerStatusPort;
  }

  String workerTarget() {
    return "127.0.0.1:" + workerStatusPort;
  }

  String adminKey() {
    return adminKey;
  }

  /** Submits {@code content} as a job, waiting up to {@code waitSeconds} for its outcome. */
  HttpResponse<String> submit(String fileName, byte[] content, int waitSeconds)
      throws IOException, InterruptedException {
    String boundary = "docgrid-monitoring-test";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + adminKey)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (waitSeconds > 0) {
      request.header("Prefer", "wait=" + waitSeconds);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path} of the API with the admin key. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(apiUrl() + path))
            .header("Authorization", "Bearer " + adminKey)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Stops the worker, the cluster's only compute node, as an operator's SIGTERM would. */
  void stopWorker() throws InterruptedException {
    worker.destroy();
    worker.waitFor();
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy();
    }
    for (Process process : processes) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
