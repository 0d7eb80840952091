package io.docgrid.ops.monitoring;

import io.docgrid.testkit.DocgridJvm;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.Multipart;
import io.docgrid.testkit.Readiness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
  private final int apiPort = FreePorts.block(1);
  private final int workerStatusPort = FreePorts.block(1);
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
    int serveDiscovery = FreePorts.block(1);
    int workerDiscovery = FreePorts.block(1);
    String seeds = "127.0.0.1:" + serveDiscovery + ",127.0.0.1:" + workerDiscovery;
    Path data = directory.resolve("data");
    List<String> serve = DocgridJvm.serve(data, apiPort, "--no-compute");
    serve.addAll(gridFlags(serveDiscovery, seeds));
    processes.add(node("serve", serve));
    List<String> workerArgs =
        DocgridJvm.worker(
            data,
            workerStatusPort,
            "--worker-processes",
            "1",
            "--worker-threads",
            "1",
            "--worker-heap",
            "256m");
    workerArgs.addAll(gridFlags(workerDiscovery, seeds));
    worker = node("worker", workerArgs);
    processes.add(worker);
    awaitReady(apiUrl() + "/api/v1/ready");
    awaitReady(workerStatusUrl() + "/api/v1/ready");
    adminKey = Files.readString(data.resolve("admin.key")).strip();
  }

  /** A node's grid flags: its one discovery port, a free communication port, a small grid. */
  private static List<String> gridFlags(int discoveryPort, String seeds) {
    return List.of(
        "--discovery-port",
        Integer.toString(discoveryPort),
        "--discovery-port-range",
        "1",
        "--communication-port",
        Integer.toString(FreePorts.block(1)),
        "--seeds",
        seeds,
        "--grid-memory",
        "64MB");
  }

  private Process node(String name, List<String> args) throws IOException {
    return DocgridJvm.processBuilder("512m", List.of(), args)
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
    Multipart body = Multipart.of(fileName, content, null);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + adminKey)
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.body()));
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
}
