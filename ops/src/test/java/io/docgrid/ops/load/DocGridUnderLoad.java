package io.docgrid.ops.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.testkit.DocgridJvm;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The DocGrid node a simulation loads: the one at {@code -Ddocgrid.url} (with the admin key in the
 * file {@code -Ddocgrid.key-file}), or, by default, a {@code docgrid serve} of its own in a JVM of
 * its own on a free port, with its data in a temporary directory, stopped when the simulation ends.
 */
final class DocGridUnderLoad implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String adminKey;
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  private DocGridUnderLoad(String baseUrl, String adminKey, Process process) {
    this.baseUrl = baseUrl;
    this.adminKey = adminKey;
    this.process = process;
  }

  /** The node the system properties name, or a new one with {@code serveFlags}. */
  static DocGridUnderLoad startOrConnect(List<String> serveFlags) {
    try {
      String url = System.getProperty("docgrid.url");
      if (url != null && !url.isBlank()) {
        String key =
            Files.readString(
                    Path.of(System.getProperty("docgrid.key-file", "docgrid-data/admin.key")))
                .strip();
        return new DocGridUnderLoad(url, key, null);
      }
      return start(serveFlags);
    } catch (Exception e) {
      throw new IllegalStateException("could not reach or start a DocGrid node", e);
    }
  }

  private static DocGridUnderLoad start(List<String> serveFlags) throws Exception {
    Path data = Files.createTempDirectory("docgrid-load-");
    int port = FreePorts.block(1);
    List<String> args = DocgridJvm.serve(data, port, "--grid-memory", "64MB");
    args.addAll(DocgridJvm.gridOnFreePorts(1));
    args.addAll(serveFlags);
    Process process =
        DocgridJvm.processBuilder("1g", List.of(), args)
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("serve.log").toFile())
            .start();
    String url = "http://127.0.0.1:" + port;
    DocGridUnderLoad node = new DocGridUnderLoad(url, null, process);
    node.awaitReady(data);
    return new DocGridUnderLoad(url, Files.readString(data.resolve("admin.key")).strip(), process);
  }

  private void awaitReady(Path data) throws Exception {
    Eventually.await(
        "docgrid serve ready",
        Duration.ofSeconds(120),
        () -> {
          if (process != null && !process.isAlive()) {
            throw new IllegalStateException(
                "docgrid serve exited: " + Files.readString(data.resolve("serve.log")));
          }
          try {
            return http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/ready")).build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (IOException notYet) {
            return false; // not listening yet
          }
        },
        ready -> ready && Files.exists(data.resolve("admin.key")));
  }

  String baseUrl() {
    return baseUrl;
  }

  String adminKey() {
    return adminKey;
  }

  /** A new API key of {@code tier}, made with the admin key. */
  String newKey(String name, String tier) {
    try {
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/keys"))
                  .header("Authorization", "Bearer " + adminKey)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"" + name + "\",\"tier\":\"" + tier + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(created.body());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("could not create a key: " + created.body());
      }
      return body.get("key").asText();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
