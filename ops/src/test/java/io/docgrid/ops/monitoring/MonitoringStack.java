package io.docgrid.ops.monitoring;

import static io.docgrid.ops.monitoring.MonitoringFiles.YAML;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.Readiness;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real Prometheus and a real Alertmanager, configured from the shipped files with what only a
 * test changes: second-long scrape and evaluation intervals, short {@code for} values (in a
 * templated copy of the rules, never in the rules themselves), the cluster's ports as targets, and
 * receivers that post to an {@link AlertReceiver}.
 */
final class MonitoringStack implements AutoCloseable {

  /** The {@code for} of every alert in the test's copy of the rules. */
  static final String TEST_PENDING = "2s";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path directory;
  private final int prometheusPort = FreePorts.block(1);
  private final int alertmanagerPort = FreePorts.block(1);
  private final List<Process> processes = new ArrayList<>();

  private MonitoringStack(Path directory) {
    this.directory = directory;
  }

  /** Starts Alertmanager, then Prometheus scraping {@code cluster}, in {@code directory}. */
  static MonitoringStack start(Path directory, DocGridCluster cluster, AlertReceiver receiver)
      throws Exception {
    Path prometheus = MonitoringTools.require("prometheus");
    Path alertmanager = MonitoringTools.require("prometheus-alertmanager", "alertmanager");
    MonitoringStack stack = new MonitoringStack(directory);
    try {
      stack.startAlertmanager(alertmanager, receiver);
      stack.startPrometheus(prometheus, cluster);
      return stack;
    } catch (Exception | AssertionError e) {
      stack.close();
      throw e;
    }
  }

  private void startAlertmanager(Path binary, AlertReceiver receiver) throws Exception {
    ObjectNode config =
        (ObjectNode)
            YAML.readTree(MonitoringFiles.ALERTMANAGER.resolve("alertmanager.yml").toFile());
    ObjectNode global = (ObjectNode) config.get("global");
    global.remove(List.of("smtp_auth_password_file", "slack_api_url_file"));
    ArrayNode templates = config.putArray("templates");
    templates.add(
        MonitoringFiles.ALERTMANAGER.toAbsolutePath().resolve("templates/*.tmpl").toString());
    shortenGrouping((ObjectNode) config.get("route"));
    for (JsonNode entry : config.get("receivers")) {
      ObjectNode settings = (ObjectNode) entry;
      switch (settings.get("name").asText()) {
        case "pager" -> {
          ObjectNode pagerDuty = (ObjectNode) settings.get("pagerduty_configs").get(0);
          pagerDuty.remove("routing_key_file");
          pagerDuty.put("routing_key", "test-routing-key");
          pagerDuty.put("url", receiver.url("/pager"));
        }
        case "chat" ->
            ((ObjectNode) settings.get("slack_configs").get(0))
                .put("api_url", receiver.url("/chat"));
        case "email" -> {
          // No mail server here: the email receiver's messages go to a webhook instead.
          settings.remove("email_configs");
          settings.putArray("webhook_configs").addObject().put("url", receiver.url("/email"));
        }
        default -> throw new IllegalStateException("unknown receiver " + settings.get("name"));
      }
    }
    Path file = directory.resolve("alertmanager.yml");
    YAML.writeValue(file.toFile(), config);
    launch(
        "alertmanager",
        List.of(
            binary.toString(),
            "--config.file=" + file,
            "--storage.path=" + directory.resolve("alertmanager-data"),
            "--web.listen-address=127.0.0.1:" + alertmanagerPort,
            "--cluster.listen-address="));
    awaitReady(alertmanagerUrl() + "/-/ready");
  }

  private static void shortenGrouping(ObjectNode route) {
    if (route.has("group_wait")) {
      route.put("group_wait", "1s");
    }
    route.put("group_interval", "1s");
    for (JsonNode child : route.path("routes")) {
      shortenGrouping((ObjectNode) child);
    }
  }

  private void startPrometheus(Path binary, DocGridCluster cluster) throws Exception {
    ObjectNode config =
        (ObjectNode) YAML.readTree(MonitoringFiles.PROMETHEUS.resolve("prometheus.yml").toFile());
    ObjectNode global = (ObjectNode) config.get("global");
    global.put("scrape_interval", "1s");
    global.put("scrape_timeout", "1s");
    global.put("evaluation_interval", "1s");
    ((ArrayNode) config.at("/alerting/alertmanagers/0/static_configs/0/targets"))
        .removeAll()
        .add("127.0.0.1:" + alertmanagerPort);
    Path key = directory.resolve("docgrid-metrics.key");
    Files.writeString(key, cluster.adminKey());
    for (JsonNode scrape : config.get("scrape_configs")) {
      String job = scrape.get("job_name").asText();
      ArrayNode targets = (ArrayNode) scrape.at("/static_configs/0/targets");
      targets.removeAll();
      switch (job) {
        case "docgrid-serve" -> {
          targets.add(cluster.apiTarget());
          ((ObjectNode) scrape.get("authorization")).put("credentials_file", key.toString());
        }
        case "docgrid-worker" -> targets.add(cluster.workerTarget());
        default -> throw new IllegalStateException("unknown scrape job " + job);
      }
    }
    Path rules = Files.createDirectories(directory.resolve("rules"));
    for (Path file : MonitoringFiles.ruleFiles()) {
      JsonNode groups = YAML.readTree(file.toFile());
      for (JsonNode group : groups.get("groups")) {
        for (JsonNode rule : group.get("rules")) {
          if (rule.has("for")) {
            ((ObjectNode) rule).put("for", TEST_PENDING);
          }
        }
      }
      YAML.writeValue(rules.resolve(file.getFileName()).toFile(), groups);
    }
    Path file = directory.resolve("prometheus.yml");
    YAML.writeValue(file.toFile(), config);
    launch(
        "prometheus",
        List.of(
            binary.toString(),
            "--config.file=" + file,
            "--storage.tsdb.path=" + directory.resolve("prometheus-data"),
            "--web.listen-address=127.0.0.1:" + prometheusPort));
    awaitReady(prometheusUrl() + "/-/ready");
  }

  private void launch(String name, List<String> command) throws IOException {
    processes.add(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve(name + ".log").toFile())
            .start());
  }

  private void awaitReady(String url) throws Exception {
    Readiness.await(url, Duration.ofSeconds(60), processes, directory.toString());
  }

  String prometheusUrl() {
    return "http://127.0.0.1:" + prometheusPort;
  }

  String alertmanagerUrl() {
    return "http://127.0.0.1:" + alertmanagerPort;
  }

  /** The result of an instant query, or the error Prometheus gave for it. */
  record QueryResult(String error, JsonNode series) {

    boolean parsed() {
      return error == null;
    }
  }

  QueryResult query(String expr) throws IOException, InterruptedException {
    JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asText())) {
      return new QueryResult(answer.path("error").asText("no answer"), null);
    }
    return new QueryResult(null, answer.at("/data/result"));
  }

  /** The names of every series Prometheus holds. */
  Set<String> metricNames() throws IOException, InterruptedException {
    Set<String> names = new TreeSet<>();
    get("/api/v1/label/__name__/values").get("data").forEach(name -> names.add(name.asText()));
    return names;
  }

  /** The alerts Prometheus holds, pending and firing, for failure messages. */
  String alerts() throws IOException, InterruptedException {
    return get("/api/v1/alerts").path("data").toString();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(prometheusUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return MonitoringFiles.JSON.readTree(response.body());
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
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
