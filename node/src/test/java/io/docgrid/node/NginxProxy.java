package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx running the shipped {@code ops/nginx/docgrid.conf.template} in front of API nodes: HTTPS on
 * one free loopback port with a test CA's certificate for {@code localhost}, plain HTTP on another,
 * all its files in one directory. One process in the foreground, so that it dies with the test.
 */
final class NginxProxy implements AutoCloseable {

  static final Path TEMPLATE = Path.of("..", "ops", "nginx", "docgrid.conf.template");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  final int httpPort;
  final int httpsPort;
  private final Path directory;
  private final Process process;

  private NginxProxy(Path directory, int httpPort, int httpsPort, Process process) {
    this.directory = directory;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.process = process;
  }

  /** Starts nginx in front of {@code apiNodes} ({@code host:port} each), ready for requests. */
  static NginxProxy start(Path directory, ProxyCertificates certificates, List<String> apiNodes)
      throws Exception {
    assertThat(apiNodes).hasSize(2);
    Files.createDirectories(directory);
    int httpPort = FreePorts.block(1);
    int httpsPort = FreePorts.block(1);
    Map<String, String> values =
        Map.of(
            "PUBLIC_URL",
            "https://localhost:" + httpsPort,
            "SERVER_NAME",
            "localhost",
            "HTTP_LISTEN",
            "127.0.0.1:" + httpPort,
            "HTTPS_LISTEN",
            "127.0.0.1:" + httpsPort,
            "TLS_CERTIFICATE",
            certificates.serverCertificate.toString(),
            "TLS_CERTIFICATE_KEY",
            certificates.serverKey.toString(),
            "API_NODE_1",
            apiNodes.get(0),
            "API_NODE_2",
            apiNodes.get(1));
    Path site = directory.resolve("docgrid.conf");
    Files.writeString(site, render(Files.readString(TEMPLATE), values));
    Path main = directory.resolve("nginx.conf");
    Files.writeString(main, mainConfig(directory, site));

    List<String> command =
        List.of(binary(), "-p", directory + "/", "-e", "stderr", "-c", main.toString());
    Path log = directory.resolve("nginx.out");
    Process check =
        new ProcessBuilder(append(command, "-t"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(Files.readString(log)).isZero();

    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    NginxProxy proxy = new NginxProxy(directory, httpPort, httpsPort, process);
    proxy.awaitListening(Duration.ofSeconds(30));
    return proxy;
  }

  /** The template with every placeholder filled; a placeholder left over fails the test. */
  private static String render(String template, Map<String, String> values) {
    Matcher placeholder = PLACEHOLDER.matcher(template);
    StringBuilder rendered = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      // A name without a value stays, and fails the check below unless it is in a comment.
      String value = values.getOrDefault(name, placeholder.group());
      placeholder.appendReplacement(rendered, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(rendered);
    String config = rendered.toString();
    String withoutComments = config.replaceAll("(?m)#.*$", "");
    assertThat(withoutComments).as("placeholders left in the rendered config").doesNotContain("${");
    return config;
  }

  String httpsUrl() {
    return "https://localhost:" + httpsPort;
  }

  String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** An HTTP client that trusts the test CA and follows no redirects. */
  static HttpClient client(ProxyCertificates certificates) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(certificates.trustingTheCa())
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The API node ({@code host:port}) of each proxied request so far, in order. */
  List<String> upstreamsUsed() throws IOException {
    return Files.readAllLines(directory.resolve("access.log"));
  }

  /** What nginx wrote: its output and its error log, where it notes nodes it could not reach. */
  String log() throws IOException {
    StringBuilder log = new StringBuilder();
    for (String name : List.of("nginx.out", "error.log")) {
      Path file = directory.resolve(name);
      if (Files.exists(file)) {
        log.append(Files.readString(file));
      }
    }
    return log.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private void awaitListening(Duration timeout) throws Exception {
    Eventually.await(
        "nginx listening on " + httpsPort,
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("nginx exited with " + process.exitValue() + ":\n" + log());
          }
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", httpsPort), 1000);
            return true;
          } catch (IOException notYet) {
            return false;
          }
        },
        Boolean::booleanValue,
        () -> {
          try {
            return ":\n" + log();
          } catch (IOException unreadable) {
            return " (its log could not be read: " + unreadable + ")";
          }
        });
  }

  /**
   * The main configuration around the site: one process in the foreground (no workers to switch to
   * another user), every file in the test's directory, and an access log of upstream addresses.
   */
  private static String mainConfig(Path directory, Path site) {
    return String.join(
        "\n",
        "daemon off;",
        "master_process off;",
        "pid " + directory.resolve("nginx.pid") + ";",
        "error_log " + directory.resolve("error.log") + " info;",
        "events { worker_connections 256; }",
        "http {",
        "  log_format upstreams '$upstream_addr';",
        "  access_log " + directory.resolve("access.log") + " upstreams;",
        "  client_body_temp_path " + directory.resolve("client_body") + ";",
        "  proxy_temp_path " + directory.resolve("proxy") + ";",
        "  fastcgi_temp_path " + directory.resolve("fastcgi") + ";",
        "  uwsgi_temp_path " + directory.resolve("uwsgi") + ";",
        "  scgi_temp_path " + directory.resolve("scgi") + ";",
        "  include " + site + ";",
        "}",
        "");
  }

  private static String binary() {
    for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new AssertionError("nginx is not installed; .ci/run installs it (apt-get install nginx)");
  }

  private static List<String> append(List<String> list, String item) {
    List<String> longer = new ArrayList<>(list);
    longer.add(item);
    return longer;
  }
}
