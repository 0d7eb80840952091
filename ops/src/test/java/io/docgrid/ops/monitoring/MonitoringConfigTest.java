package io.docgrid.ops.monitoring;

import static io.docgrid.ops.monitoring.MonitoringFiles.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus, Alertmanager and Grafana files are valid for their programs, and
 * Alertmanager routes critical alerts to the pager and warnings to chat and email.
 */
class MonitoringConfigTest {

  @Test
  void promtool_accepts_the_prometheus_configuration(@TempDir Path deployed) throws Exception {
    Path promtool = MonitoringTools.require("promtool");
    // As deployed: the configuration beside its rules and the key it scrapes API nodes with.
    Files.copy(
        MonitoringFiles.PROMETHEUS.resolve("prometheus.yml"), deployed.resolve("prometheus.yml"));
    Files.createDirectory(deployed.resolve("rules"));
    for (Path rules : MonitoringFiles.ruleFiles()) {
      Files.copy(rules, deployed.resolve("rules").resolve(rules.getFileName()));
    }
    Files.writeString(deployed.resolve("docgrid-metrics.key"), "a-key-with-the-admin-scope\n");

    String output =
        MonitoringTools.run(deployed, promtool.toString(), "check", "config", "prometheus.yml");

    assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void amtool_accepts_the_alertmanager_configuration() throws Exception {
    Path amtool = MonitoringTools.require("amtool");
    String output =
        MonitoringTools.run(
            MonitoringFiles.ALERTMANAGER, amtool.toString(), "check-config", "alertmanager.yml");
    assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void critical_alerts_page_and_warnings_go_to_chat_and_email() throws Exception {
    Path amtool = MonitoringTools.require("amtool");
    assertThat(receivers(amtool, "alertname=DocGridNoComputeNode", "severity=critical"))
        .isEqualTo("pager");
    assertThat(receivers(amtool, "alertname=DocGridNodeDown", "severity=warning"))
        .isEqualTo("chat,email");
  }

  @Test
  void grafana_provisions_every_dashboard_from_files() throws IOException {
    assertThat(MonitoringFiles.GRAFANA.resolve("provisioning/datasources/docgrid.yml")).exists();
    assertThat(MonitoringFiles.GRAFANA.resolve("provisioning/dashboards/docgrid.yml")).exists();
    Set<String> uids = new HashSet<>();
    try (Stream<Path> files = Files.list(MonitoringFiles.DASHBOARDS)) {
      for (Path file : files.sorted().toList()) {
        JsonNode dashboard = JSON.readTree(file.toFile());
        assertThat(uids.add(dashboard.get("uid").asText())).as("unique uid of %s", file).isTrue();
        assertThat(dashboard.get("panels")).as("panels of %s", file).isNotEmpty();
        for (JsonNode panel : dashboard.get("panels")) {
          assertThat(panel.get("targets")).as("%s: %s", file, panel.get("title")).isNotEmpty();
        }
      }
    }
    assertThat(uids)
        .containsExactlyInAnyOrder(
            "docgrid-overview",
            "docgrid-jobs",
            "docgrid-nodes",
            "docgrid-result-cache",
            "docgrid-database-usage",
            "docgrid-tenants");
  }

  /** The receivers Alertmanager's routing tree sends an alert with {@code labels} to. */
  private static String receivers(Path amtool, String... labels) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                amtool.toString(), "config", "routes", "test", "--config.file=alertmanager.yml"));
    command.addAll(List.of(labels));
    String output =
        MonitoringTools.run(MonitoringFiles.ALERTMANAGER, command.toArray(String[]::new));
    return output
        .lines()
        .filter(line -> !line.startsWith("Warning"))
        .findFirst()
        .orElse("")
        .strip();
  }
}
