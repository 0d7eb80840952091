package io.docgrid.ops.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shipped monitoring files, seen from the ops module, where Surefire runs the tests. */
final class MonitoringFiles {

  static final Path PROMETHEUS = Path.of("prometheus");
  static final Path RULES = PROMETHEUS.resolve("rules");
  static final Path RULE_TESTS = PROMETHEUS.resolve("tests");
  static final Path ALERTMANAGER = Path.of("alertmanager");
  static final Path GRAFANA = Path.of("grafana");
  static final Path DASHBOARDS = GRAFANA.resolve("dashboards");
  static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");
  static final Path METRICS_SOURCES = Path.of("..", "api", "src", "main", "java");

  static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private MonitoringFiles() {}

  /** An alerting or recording rule of {@code file}. */
  record Rule(Path file, ObjectNode body) {

    boolean isAlert() {
      return body.has("alert");
    }

    String name() {
      return isAlert() ? body.get("alert").asText() : body.get("record").asText();
    }

    String expr() {
      return body.get("expr").asText();
    }

    Duration pendingFor() {
      return body.has("for") ? duration(body.get("for").asText()) : Duration.ZERO;
    }

    String label(String name) {
      JsonNode labels = body.path("labels");
      return labels.has(name) ? labels.get(name).asText() : null;
    }

    String annotation(String name) {
      JsonNode annotations = body.path("annotations");
      return annotations.has(name) ? annotations.get(name).asText() : null;
    }
  }

  static List<Path> ruleFiles() throws IOException {
    try (Stream<Path> files = Files.list(RULES)) {
      return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
    }
  }

  static List<Rule> rules() throws IOException {
    List<Rule> rules = new ArrayList<>();
    for (Path file : ruleFiles()) {
      for (JsonNode group : YAML.readTree(file.toFile()).get("groups")) {
        for (JsonNode rule : group.get("rules")) {
          rules.add(new Rule(file, (ObjectNode) rule));
        }
      }
    }
    return rules;
  }

  static List<Rule> alerts() throws IOException {
    return rules().stream().filter(Rule::isAlert).toList();
  }

  /** A Prometheus duration such as {@code 1m}, {@code 1h30m} or {@code 15s}. */
  static Duration duration(String text) {
    Matcher part = DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (part.find()) {
      if (part.start() != end) {
        throw new IllegalArgumentException("not a duration: " + text);
      }
      long amount = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
              });
      end = part.end();
    }
    if (end != text.length() || end == 0) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    return total;
  }

  /** Every dashboard's panel queries, by dashboard file and panel title. */
  static List<PanelQuery> panelQueries() throws IOException {
    List<PanelQuery> queries = new ArrayList<>();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.sorted().toList()) {
        for (JsonNode panel : JSON.readTree(file.toFile()).get("panels")) {
          for (JsonNode target : panel.path("targets")) {
            queries.add(
                new PanelQuery(
                    file.getFileName().toString(),
                    panel.get("title").asText(),
                    target.get("expr").asText()));
          }
        }
      }
    }
    return queries;
  }

  /** A query of a dashboard panel. */
  record PanelQuery(String dashboard, String panel, String expr) {

    /** The query as Grafana sends it, with its interval variables filled in. */
    String resolved(Map<String, String> variables) {
      String resolved = expr;
      for (Map.Entry<String, String> variable : variables.entrySet()) {
        resolved = resolved.replace(variable.getKey(), variable.getValue());
      }
      return resolved;
    }

    @Override
    public String toString() {
      return dashboard + " / " + panel + ": " + expr;
    }
  }
}
