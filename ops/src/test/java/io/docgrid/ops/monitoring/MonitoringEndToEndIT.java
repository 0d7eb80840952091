package io.docgrid.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.ops.monitoring.MonitoringFiles.PanelQuery;
import io.docgrid.ops.monitoring.MonitoringFiles.Rule;
import io.docgrid.ops.monitoring.MonitoringStack.QueryResult;
import io.docgrid.testkit.Eventually;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The monitoring as a whole, on real processes: a DocGrid cluster (an API node and its only
 * worker), the Prometheus that scrapes it with the shipped rules, and the Alertmanager it alerts,
 * whose pager and chat receivers post to a local receiver. After a mixed workload every dashboard
 * query must parse and find its series; then the worker stops while jobs wait, and the page and the
 * chat message must arrive. Processes' logs stay under target/monitoring-e2e-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringEndToEndIT {

  /**
   * Series a CPU-only cluster without TLS exports only in rare conditions, each with where it is
   * registered: GPUs (NVML), certificates (TLS configured), refused submissions (a full queue),
   * lost usage rows (a failing database), preprocessing (image pages) and PaddleOCR's model batches
   * (GPU nodes that read PaddleOCR).
   */
  private static final Set<String> RARE_SERIES =
      Set.of(
          "docgrid_gpu_utilization_ratio",
          "docgrid_gpu_memory_used_bytes",
          "docgrid_gpu_memory_total_bytes",
          "docgrid_tls_certificate_expiry_timestamp_seconds",
          "docgrid_submissions_refused_total",
          "docgrid_usage_records_dropped_total",
          "docgrid_preprocess_pages_total",
          "docgrid_ocr_batch_size_count",
          "docgrid_ocr_batch_size_sum",
          "docgrid_ocr_batch_wait_seconds_bucket");

  /** Grafana's interval variables, as a dashboard of the last hour would fill them in. */
  private static final Map<String, String> GRAFANA_VARIABLES =
      Map.of("$__rate_interval", "1m", "$__range", "1h");

  private static final Pattern METRIC =
      Pattern.compile("(?<![\\w:$\"])((?:docgrid|jvm|process)_[a-z0-9_]+|docgrid:[a-z0-9_:]+)");
  private static final String TEXT = "DocGrid monitoring: a plain text document.\n";

  private Path directory;
  private AlertReceiver receiver;
  private DocGridCluster cluster;
  private MonitoringStack monitoring;

  @BeforeAll
  void startTheClusterAndItsMonitoring() throws Exception {
    directory =
        Files.createDirectories(
            Path.of("target", "monitoring-e2e-" + System.currentTimeMillis()).toAbsolutePath());
    receiver = new AlertReceiver();
    cluster = DocGridCluster.start(directory);
    monitoring = MonitoringStack.start(directory, cluster, receiver);
    runMixedWorkload();
  }

  @AfterAll
  void stopEverything() {
    if (monitoring != null) {
      monitoring.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  /** Jobs that succeed, one answered from the result cache, one that fails; reads; admin calls. */
  private void runMixedWorkload() throws Exception {
    byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> first = cluster.submit("first.txt", text, 60);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(cluster.submit("again.txt", text, 60).statusCode()).isEqualTo(200);
    assertThat(
            cluster
                .submit("other.txt", "Another document.\n".getBytes(StandardCharsets.UTF_8), 60)
                .statusCode())
        .isEqualTo(200);
    cluster.submit("broken.pdf", "%PDF-1.7\nnot really a PDF".getBytes(StandardCharsets.UTF_8), 60);
    String id = MonitoringFiles.JSON.readTree(first.body()).get("id").asText();
    for (String path :
        List.of(
            "/api/v1/jobs",
            "/api/v1/jobs/" + id,
            "/api/v1/jobs/" + id + "/result",
            "/api/v1/keys",
            "/api/v1/usage")) {
      assertThat(cluster.get(path).statusCode()).as(path).isLessThan(500);
    }
    awaitQuery("sum(docgrid_jobs_finished_total) >= 3", Duration.ofSeconds(60));
    awaitQuery("docgrid:http_requests:rate5m{route_class=\"admin\"}", Duration.ofSeconds(60));
    awaitQuery("sum(docgrid_pages_processed_total) > 0", Duration.ofSeconds(60));
  }

  @Test
  @Order(1)
  void every_dashboard_query_parses_and_finds_the_series_the_workload_made() throws Exception {
    List<PanelQuery> queries = MonitoringFiles.panelQueries();
    assertThat(queries).hasSizeGreaterThan(30);
    // Recording rules over rate windows (p95s, burn rates) have series only once Prometheus has
    // evaluated them on two scrapes of the workload: asked again until then, within a bound.
    List<String> problems =
        Eventually.await(
            "every panel query finding its series",
            Duration.ofSeconds(60),
            () -> panelProblems(queries),
            List::isEmpty);
    assertThat(problems).isEmpty();
  }

  private List<String> panelProblems(List<PanelQuery> queries) throws Exception {
    List<String> problems = new ArrayList<>();
    for (PanelQuery query : queries) {
      QueryResult result = monitoring.query(query.resolved(GRAFANA_VARIABLES));
      if (!result.parsed()) {
        problems.add(query + " does not parse: " + result.error());
      } else if (result.series().isEmpty()
          && metricsOf(query.expr()).stream().noneMatch(RARE_SERIES::contains)) {
        problems.add(query + " found no series");
      }
    }
    return problems;
  }

  @Test
  @Order(2)
  void every_metric_a_rule_or_a_panel_names_is_exported() throws Exception {
    Set<String> named = new TreeSet<>();
    for (Rule rule : MonitoringFiles.rules()) {
      named.addAll(metricsOf(rule.expr()));
    }
    for (PanelQuery query : MonitoringFiles.panelQueries()) {
      named.addAll(metricsOf(query.expr()));
    }
    Set<String> recorded = new TreeSet<>();
    MonitoringFiles.rules().stream()
        .filter(rule -> !rule.isAlert())
        .forEach(rule -> recorded.add(rule.name()));
    Set<String> exported = monitoring.metricNames();

    List<String> missing = new ArrayList<>();
    for (String name : named) {
      boolean known =
          name.startsWith("docgrid:")
              ? recorded.contains(name)
              : exported.contains(name) || RARE_SERIES.contains(name);
      if (!known) {
        missing.add(name);
      }
    }
    assertThat(missing).as("named in rules or panels, exported by no node").isEmpty();
  }

  @Test
  @Order(3)
  void rare_series_are_registered_by_docgrid() throws IOException {
    String sources;
    try (Stream<Path> files = Files.walk(MonitoringFiles.METRICS_SOURCES)) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(file));
      }
      sources = all.toString();
    }
    for (String series : RARE_SERIES) {
      String family = series.replaceFirst("_(total|count|sum|bucket)$", "");
      assertThat(sources.contains("\"" + series + "\"") || sources.contains("\"" + family + "\""))
          .as("%s is registered in api/src/main/java", series)
          .isTrue();
    }
  }

  @Test
  @Order(4)
  void stopping_the_only_worker_while_jobs_wait_pages_the_on_call_and_tells_the_chat()
      throws Exception {
    cluster.stopWorker();
    byte[] waiting = "A job no node can run.\n".getBytes(StandardCharsets.UTF_8);
    assertThat(cluster.submit("waiting-1.txt", waiting, 0).statusCode()).isEqualTo(202);
    awaitQuery("max(docgrid_jobs{status=\"queued\"}) > 0", Duration.ofSeconds(30));

    Duration patience = Duration.ofSeconds(90);
    JsonNode page =
        receiver
            .await(
                "/pager",
                body ->
                    body.at("/payload/custom_details/labels")
                        .asText()
                        .contains("alertname=DocGridNoComputeNode"),
                patience)
            .orElseThrow(() -> new AssertionError("no page arrived; alerts: " + alertsOrNothing()))
            .body();
    assertThat(page.get("event_action").asText()).isEqualTo("trigger");
    assertThat(page.at("/payload/severity").asText()).isEqualTo("critical");
    assertThat(page.at("/payload/custom_details/labels").asText())
        .contains("severity=critical", "cluster=docgrid");
    assertThat(page.at("/links/0/href").asText())
        .isEqualTo("https://docgrid.example.com/docs/runbook.md#docgridnocomputenode");
    assertThat(page.at("/payload/summary").asText()).contains("DocGridNoComputeNode");

    JsonNode chat =
        receiver
            .await(
                "/chat",
                body -> body.at("/attachments/0/title").asText().contains("DocGridNodeDown"),
                patience)
            .orElseThrow(
                () -> new AssertionError("no chat message arrived; alerts: " + alertsOrNothing()))
            .body();
    assertThat(chat.at("/attachments/0/text").asText()).contains(cluster.workerTarget());
    assertThat(chat.at("/attachments/0/title_link").asText())
        .isEqualTo("https://docgrid.example.com/docs/runbook.md#docgridnodedown");
    assertThat(
            receiver.await("/email", body -> body.toString().contains("DocGridNodeDown"), patience))
        .as("the warning by email too")
        .isPresent();
    assertThat(receiver.deliveries())
        .as("warnings never page")
        .noneMatch(
            delivery ->
                delivery.path().equals("/pager")
                    && delivery.body().toString().contains("alertname=DocGridNodeDown"));
  }

  private String alertsOrNothing() {
    try {
      return monitoring.alerts();
    } catch (IOException | InterruptedException e) {
      return "(Prometheus did not answer: " + e + ")";
    }
  }

  private void awaitQuery(String expr, Duration timeout) throws Exception {
    Eventually.await(
        expr + " finding a series",
        timeout,
        () -> {
          QueryResult result = monitoring.query(expr);
          assertThat(result.parsed()).as(expr + ": " + result.error()).isTrue();
          return !result.series().isEmpty();
        },
        Boolean::booleanValue,
        () -> "; see " + directory);
  }

  /** The metric and recording rule names {@code expr} selects. */
  static Set<String> metricsOf(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher name = METRIC.matcher(expr);
    while (name.find()) {
      names.add(name.group(1));
    }
    return names;
  }
}
