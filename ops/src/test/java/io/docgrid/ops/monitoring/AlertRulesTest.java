package io.docgrid.ops.monitoring;

import static io.docgrid.ops.monitoring.MonitoringFiles.RULE_TESTS;
import static io.docgrid.ops.monitoring.MonitoringFiles.YAML;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.ops.monitoring.MonitoringFiles.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of ops/prometheus/rules: their promtool unit tests pass and cover every alert
 * both ways, every alert says how bad it is, what happened and where the runbook says what to do,
 * and every page arrives within ten minutes of its cause.
 */
class AlertRulesTest {

  private static final Duration LONGEST_DETECTION = Duration.ofMinutes(10);
  private static final Set<String> SEVERITIES = Set.of("critical", "warning");

  @Test
  void promtool_unit_tests_pass() throws Exception {
    Path promtool = MonitoringTools.require("promtool");
    List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
    testFiles().forEach(file -> command.add(file.getFileName().toString()));
    String output = MonitoringTools.run(RULE_TESTS, command.toArray(String[]::new));
    assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void every_alert_has_a_unit_test_where_it_fires_and_one_where_it_stays_quiet()
      throws IOException {
    Set<String> fires = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (Path file : testFiles()) {
      for (JsonNode test : YAML.readTree(file.toFile()).get("tests")) {
        for (JsonNode check : test.path("alert_rule_test")) {
          String alert = check.get("alertname").asText();
          (check.path("exp_alerts").isEmpty() ? quiet : fires).add(alert);
        }
      }
    }
    List<String> alerts = MonitoringFiles.alerts().stream().map(Rule::name).toList();
    assertThat(fires).as("alerts a unit test expects to fire").containsAll(alerts);
    assertThat(quiet).as("alerts a unit test expects to stay quiet").containsAll(alerts);
  }

  @Test
  void every_alert_has_a_severity_a_summary_a_description_with_its_value_and_a_runbook()
      throws IOException {
    List<Rule> alerts = MonitoringFiles.alerts();
    assertThat(alerts).hasSizeGreaterThan(15);
    for (Rule alert : alerts) {
      assertThat(alert.label("severity")).as(alert.name()).isIn(SEVERITIES);
      assertThat(alert.annotation("summary")).as(alert.name()).isNotBlank();
      assertThat(alert.annotation("description")).as(alert.name()).contains("$value");
      assertThat(alert.annotation("runbook_url"))
          .as(alert.name())
          .isEqualTo("docs/runbook.md#" + alert.name().toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void every_runbook_url_leads_to_a_heading_of_the_runbook() throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(MonitoringFiles.RUNBOOK)) {
      if (line.startsWith("#")) {
        anchors.add(anchorOf(line.replaceFirst("^#+\\s*", "")));
      }
    }
    for (Rule alert : MonitoringFiles.alerts()) {
      String url = alert.annotation("runbook_url");
      assertThat(url).as(alert.name()).startsWith("docs/runbook.md#");
      assertThat(anchors).as(alert.name()).contains(url.substring(url.indexOf('#') + 1));
    }
  }

  @Test
  void every_critical_alert_is_detected_within_ten_minutes() throws IOException {
    JsonNode global = YAML.readTree(MonitoringFiles.PROMETHEUS.resolve("prometheus.yml").toFile());
    Duration scrape = MonitoringFiles.duration(global.at("/global/scrape_interval").asText());
    Duration evaluation =
        MonitoringFiles.duration(global.at("/global/evaluation_interval").asText());
    List<Rule> critical =
        MonitoringFiles.alerts().stream()
            .filter(alert -> "critical".equals(alert.label("severity")))
            .toList();
    assertThat(critical).isNotEmpty();
    for (Rule alert : critical) {
      // The worst case: the cause starts just after a scrape, shows at the next one, waits for the
      // next evaluation, and then stays pending for the whole `for`.
      Duration worst = scrape.plus(evaluation).plus(alert.pendingFor());
      assertThat(worst)
          .as("worst detection time of %s", alert.name())
          .isLessThan(LONGEST_DETECTION);
    }
  }

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
  static String anchorOf(String heading) {
    return heading
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  private static List<Path> testFiles() throws IOException {
    try (Stream<Path> files = Files.list(RULE_TESTS)) {
      return files.filter(file -> file.toString().endsWith(".test.yml")).sorted().toList();
    }
  }
}
