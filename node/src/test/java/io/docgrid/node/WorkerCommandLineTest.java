package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.GpuMode;
import io.docgrid.node.config.WorkerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code docgrid worker}: defaults that join a serve on the same host, and validation. */
class WorkerCommandLineTest {

  @Test
  void defaults_match_serve_so_that_a_worker_on_the_same_host_joins_it() {
    WorkerConfig config = ParsedSettings.worker(Map.of());
    assertThat(config.grid().compute()).isTrue();
    assertThat(config.grid().discoveryPort()).isEqualTo(47500);
    assertThat(config.grid().communicationPort()).isEqualTo(47100);
    assertThat(config.grid().seeds()).containsExactly("127.0.0.1:47500..47509");
    assertThat(config.blobDir()).isEqualTo(Path.of("./docgrid-data").resolve("blobs"));
    assertThat(config.statusHost()).isEqualTo("127.0.0.1");
    assertThat(config.statusPort()).isEqualTo(9464);
    assertThat(config.jobs().gpu()).isEqualTo(GpuMode.AUTO);
  }

  @Test
  void gpu_mode_is_a_setting_like_the_others() {
    assertThat(ParsedSettings.worker(Map.of("DOCGRID_GPU", "off")).jobs().gpu())
        .isEqualTo(GpuMode.OFF);
    assertThat(ParsedSettings.worker(Map.of(), "--gpu", "ON").jobs().gpu()).isEqualTo(GpuMode.ON);
  }

  @Test
  void seeds_and_options_come_from_the_environment_too() {
    WorkerConfig config =
        ParsedSettings.worker(
            Map.of("DOCGRID_SEEDS", "10.0.0.5:47500..47509", "DOCGRID_WORKER_PROCESSES", "3"),
            "--status-port",
            "0");
    assertThat(config.grid().seeds()).containsExactly("10.0.0.5:47500..47509");
    assertThat(config.jobs().workerProcesses()).isEqualTo(3);
    assertThat(config.statusPort()).isZero();
  }

  @Test
  void every_mistake_is_reported_at_once() {
    assertThatThrownBy(
            () ->
                ParsedSettings.worker(
                    Map.of(),
                    "--status-port",
                    "70000",
                    "--seeds",
                    "not a seed",
                    "--isolation",
                    "container",
                    "--gpu",
                    "sometimes"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--gpu (DOCGRID_GPU) must be auto, on or off, got 'sometimes'")
        .hasMessageContaining("--status-port (DOCGRID_STATUS_PORT)")
        .hasMessageContaining("--seeds (DOCGRID_SEEDS)")
        .hasMessageContaining("--isolation (DOCGRID_ISOLATION)");
  }

  @Test
  void help_names_the_worker_and_its_options() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.newCommandLine(Map.of());
    commandLine.setOut(new PrintWriter(out, true));
    assertThat(commandLine.execute("worker", "--help")).isZero();
    assertThat(out.toString()).contains("--seeds", "--status-port", "--worker-processes");
    assertThat(out.toString()).doesNotContain("--db-url", "--port=");
  }
}
