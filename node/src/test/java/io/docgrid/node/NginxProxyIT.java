package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.api.jobs.JobRoutes;
import io.docgrid.node.config.ByteSize;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.PostgresSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped nginx configuration, run for real with a test CA, in front of two API nodes that
 * share PostgreSQL, a blob directory and a grid, and trust the proxy's X-Forwarded-* headers.
 */
class NginxProxyIT {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

  @Test
  void https_works_end_to_end_http_is_redirected_and_losing_a_node_loses_no_request(
      @TempDir Path temp) throws Exception {
    ProxyCertificates certificates = ProxyCertificates.forLocalhost(temp.resolve("tls"));
    try (PostgresSchema postgres = PostgresSchema.created()) {
      int discovery = FreePorts.block(5);
      List<String> shared =
          List.of(
              "--db-url",
              postgres.url(),
              "--db-user",
              postgres.user(),
              "--blob-dir",
              temp.resolve("blobs").toString(),
              "--discovery-port",
              Integer.toString(discovery),
              "--discovery-port-range",
              "5",
              "--seeds",
              "127.0.0.1:" + discovery + ".." + (discovery + 4),
              "--trusted-proxies",
              "127.0.0.1",
              "--isolation",
              "none",
              "--result-cache-memory",
              "16MB",
              "--max-upload-size",
              "4MB");
      try (ServeProcess first = node(temp, "first", discovery, shared);
          ServeProcess second = node(temp, "second", discovery, shared)) {
        GridProcesses.awaitServerNodes(first, 2);
        String key = first.http.credential();
        try (NginxProxy proxy =
            NginxProxy.start(
                temp.resolve("nginx"), certificates, List.of(address(first), address(second)))) {
          HttpClient client = NginxProxy.client(certificates);

          HttpResponse<String> ready = client.send(get(proxy.httpsUrl() + "/api/v1/ready"), text());
          assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
          assertThat(ready.sslSession()).isPresent();
          assertThat(ready.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
          assertThat(ready.headers().firstValue("Strict-Transport-Security"))
              .hasValue("max-age=31536000; includeSubDomains");

          HttpResponse<String> redirected =
              client.send(get(proxy.httpUrl() + "/api/v1/jobs?limit=1"), text());
          assertThat(redirected.statusCode()).isEqualTo(308);
          assertThat(redirected.headers().firstValue("Location"))
              .hasValue(proxy.httpsUrl() + "/api/v1/jobs?limit=1");

          // Links and Location name the proxy's scheme, host and port, not the node's.
          JsonNode job = submitAndAwait(client, proxy, key, "before");
          String id = job.get("id").asText();
          assertThat(job.at("/links/self").asText())
              .isEqualTo(proxy.httpsUrl() + "/api/v1/jobs/" + id);
          HttpResponse<String> result =
              client.send(get(job.at("/links/result").asText() + "?format=text", key), text());
          assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
          assertThat(result.body()).contains("document before");

          // Larger than nginx's default limit (1MB), streamed through to DocGrid.
          HttpResponse<String> large =
              client.send(upload(proxy, key, textOfSize("3MB"), false).build(), text());
          assertThat(large.statusCode()).as(large.body()).isEqualTo(202);
          // Too large for DocGrid, not for nginx: DocGrid's own 413 comes back through it. (Over
          // HTTP/1.1: Java 17's HTTP/2 client fails on the GOAWAY nginx sends after an early
          // answer.)
          HttpResponse<String> tooLarge =
              client.send(
                  upload(proxy, key, textOfSize("5MB"), false)
                      .version(HttpClient.Version.HTTP_1_1)
                      .build(),
                  text());
          assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
          assertThat(json(tooLarge).get("code").asText()).isEqualTo("FILE_TOO_LARGE");

          for (int i = 0; i < 4; i++) {
            assertThat(
                    client
                        .send(get(proxy.httpsUrl() + "/api/v1/jobs/" + id, key), text())
                        .statusCode())
                .isEqualTo(200);
          }
          assertThat(proxy.upstreamsUsed())
              .as("both nodes answer")
              .contains(address(first), address(second));

          first.kill();

          // The first requests meet the dead node, and nginx takes them to the other one.
          for (int i = 0; i < 4; i++) {
            HttpResponse<String> again =
                client.send(get(proxy.httpsUrl() + "/api/v1/jobs/" + id, key), text());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
          }
          for (String name : List.of("after-1", "after-2")) {
            JsonNode after = submitAndAwait(client, proxy, key, name);
            assertThat(after.at("/links/self").asText()).startsWith(proxy.httpsUrl() + "/");
          }
          assertThat(proxy.log()).as("nginx met the dead node").contains("connect() failed");
        }
      }
    }
  }

  @Test
  void the_proxys_limits_and_timeouts_let_every_request_docgrid_takes_through() throws Exception {
    String site = Files.readString(NginxProxy.TEMPLATE);
    assertThat(ByteSize.parse(setting(site, "client_max_body_size").toUpperCase() + "B"))
        .as("client_max_body_size against --max-upload-size")
        .isGreaterThan(ByteSize.parse(option("--max-upload-size")));
    String[] headerBuffers = setting(site, "large_client_header_buffers").split("\\s+");
    assertThat(ByteSize.parse(headerBuffers[1].toUpperCase() + "B"))
        .as("large_client_header_buffers against --max-header-size")
        .isGreaterThan(ByteSize.parse(option("--max-header-size")));
    assertThat(seconds(setting(site, "proxy_read_timeout")))
        .as("proxy_read_timeout against the longest Prefer: wait")
        .isGreaterThan(JobRoutes.LONGEST_WAIT.toSeconds());
  }

  private static ServeProcess node(Path temp, String name, int discovery, List<String> shared)
      throws Exception {
    int communication = FreePorts.blockApartFrom(5, new int[] {discovery}, 5);
    List<String> args =
        new ArrayList<>(List.of("--communication-port", Integer.toString(communication)));
    args.addAll(shared);
    return ServeProcess.startWithGridDefaults(
        temp.resolve(name), temp.resolve(name + ".log"), args.toArray(String[]::new));
  }

  /** The node's {@code host:port}, as nginx's upstream list and access log name it. */
  private static String address(ServeProcess node) {
    return URI.create(node.http.base).getAuthority();
  }

  private static JsonNode submitAndAwait(
      HttpClient client, NginxProxy proxy, String key, String name) throws Exception {
    HttpRequest request =
        upload(
                proxy,
                key,
                ("This is document " + name + ".").getBytes(StandardCharsets.UTF_8),
                true)
            .build();
    HttpResponse<String> finished = client.send(request, text());
    assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
    JsonNode job = json(finished);
    assertThat(job.get("status").asText()).as(finished.body()).isEqualTo("succeeded");
    assertThat(finished.headers().firstValue("Location"))
        .hasValue(proxy.httpsUrl() + "/api/v1/jobs/" + job.get("id").asText());
    return job;
  }

  /** A submission of {@code document}, waiting for the job up to 30 s if {@code wait}. */
  private static HttpRequest.Builder upload(
      NginxProxy proxy, String key, byte[] document, boolean wait) {
    HttpApi.Multipart body = new HttpApi.Multipart().file("file", "document.txt", document);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(proxy.httpsUrl() + "/api/v1/jobs"))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    return wait ? request.header("Prefer", "wait=30") : request;
  }

  /** Plain text of about {@code size}, in lines of words. */
  private static byte[] textOfSize(String size) {
    byte[] line = "All work and no play makes a dull document.\n".getBytes(StandardCharsets.UTF_8);
    int lines = (int) (ByteSize.parse(size) / line.length) + 1;
    byte[] text = new byte[lines * line.length];
    for (int i = 0; i < lines; i++) {
      System.arraycopy(line, 0, text, i * line.length, line.length);
    }
    return text;
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).build();
  }

  private static HttpRequest get(String url, String key) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + key)
        .build();
  }

  private static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String option(String name) {
    return Main.newCommandLine(Map.of())
        .getSubcommands()
        .get("serve")
        .getCommandSpec()
        .findOption(name)
        .defaultValue();
  }

  /** The value of a directive of the site (the first, if it occurs more than once). */
  private static String setting(String site, String directive) {
    Matcher value = Pattern.compile("(?m)^\\s*" + directive + "\\s+([^;]+);").matcher(site);
    assertThat(value.find()).as(directive).isTrue();
    return value.group(1).strip();
  }

  private static long seconds(String nginxTime) {
    assertThat(nginxTime).matches("\\d+s");
    return Long.parseLong(nginxTime.substring(0, nginxTime.length() - 1));
  }
}
