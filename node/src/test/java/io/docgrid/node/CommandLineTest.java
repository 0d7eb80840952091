package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.node.config.GpuMode;
import io.docgrid.node.config.NodeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> environment, String... args) {
    CommandLine commandLine = Main.newCommandLine(environment);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void help_and_version_exit_zero() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString()).contains("serve").contains("version");
    assertThat(run(Map.of(), "version")).isZero();
    assertThat(out.toString()).containsPattern("docgrid \\d+\\.\\d+\\.\\d+");
  }

  @Test
  void serve_help_lists_every_option_with_its_environment_rule() {
    assertThat(run(Map.of(), "serve", "--help")).isZero();
    assertThat(out.toString())
        .contains("--data-dir", "--port", "--db-url", "--max-upload-size", "--no-compute")
        .contains("DOCGRID_DB_URL");
  }

  @Test
  void defaults_give_the_embedded_single_machine_setup() {
    NodeConfig config = ParsedSettings.serve(Map.of());
    assertThat(config.db().embedded()).isTrue();
    assertThat(config.api().port()).isEqualTo(8080);
    assertThat(config.api().maxUploadBytes()).isEqualTo(100L << 20);
    assertThat(config.grid().compute()).isTrue();
    assertThat(config.grid().seeds()).containsExactly("127.0.0.1:47500..47509");
    assertThat(config.jobs().timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.jobs().isolation()).isEqualTo(NodeConfig.Isolation.PROCESS);
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = Math.min(cores, 4);
    // One child JVM per four cores, each working on a document per core, 1g of heap a document.
    assertThat(config.jobs().workerThreads()).isEqualTo(threads);
    assertThat(config.jobs().workerProcesses()).isEqualTo((cores + threads - 1) / threads);
    assertThat(config.jobs().workerHeap()).isEqualTo(threads + "g");
    assertThat(config.jobs().documentsAtOnce()).isGreaterThanOrEqualTo(cores);
    assertThat(config.jobs().gpu()).isEqualTo(GpuMode.AUTO);
    assertThat(config.jobs().extractionJvmOptions()).isEmpty();
  }

  @Test
  void extraction_jvm_options_come_from_repeated_flags_or_the_environment() {
    assertThat(
            ParsedSettings.serve(
                    Map.of(),
                    "--extraction-jvm-option=-XX:+UseSerialGC",
                    "--extraction-jvm-option",
                    "-Dwhat=child -Xss2m")
                .jobs()
                .extractionJvmOptions())
        .containsExactly("-XX:+UseSerialGC", "-Dwhat=child", "-Xss2m");
    assertThat(
            ParsedSettings.serve(
                    Map.of("DOCGRID_EXTRACTION_JVM_OPTION", " -XX:+UseSerialGC  -Xss2m "))
                .jobs()
                .extractionJvmOptions())
        .containsExactly("-XX:+UseSerialGC", "-Xss2m");
  }

  @Test
  void worker_threads_and_processes_can_be_set() {
    NodeConfig config =
        ParsedSettings.serve(
            Map.of("DOCGRID_WORKER_THREADS", "3", "DOCGRID_WORKER_PROCESSES", "2"));

    assertThat(config.jobs().workerThreads()).isEqualTo(3);
    assertThat(config.jobs().workerProcesses()).isEqualTo(2);
    assertThat(config.jobs().workerHeap()).isEqualTo("3g");
    assertThat(config.jobs().documentsAtOnce()).isEqualTo(6);
  }

  @Test
  void every_option_has_an_environment_twin_and_flags_win() {
    Map<String, String> environment =
        Map.of(
            "DOCGRID_PORT", "9090",
            "DOCGRID_DB_URL", "jdbc:postgresql://db:5432/docgrid",
            "DOCGRID_MAX_UPLOAD_SIZE", "5MB",
            "DOCGRID_COMPUTE", "false",
            "DOCGRID_SEEDS", "10.0.0.1:47500,10.0.0.2:47500..47502");
    NodeConfig fromEnvironment = ParsedSettings.serve(environment);
    assertThat(fromEnvironment.api().port()).isEqualTo(9090);
    assertThat(fromEnvironment.db().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/docgrid");
    assertThat(fromEnvironment.api().maxUploadBytes()).isEqualTo(5L << 20);
    assertThat(fromEnvironment.grid().compute()).isFalse();
    assertThat(fromEnvironment.grid().seeds())
        .containsExactly("10.0.0.1:47500", "10.0.0.2:47500..47502");

    assertThat(ParsedSettings.serve(environment, "--port", "7070").api().port()).isEqualTo(7070);
    assertThat(ParsedSettings.serve(Map.of(), "--no-compute").grid().compute()).isFalse();
  }

  @Test
  void every_problem_is_reported_at_once_with_exit_code_2() {
    int code =
        run(
            Map.of("DOCGRID_JOB_TIMEOUT", "soon"),
            "serve",
            "--port",
            "99999",
            "--max-upload-size",
            "lots",
            "--db-url",
            "mysql://nope",
            "--seeds",
            "not a seed",
            "--isolation",
            "container",
            "--worker-heap",
            "lots",
            "--gpu",
            "sometimes");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--port (DOCGRID_PORT)")
        .contains("--max-upload-size (DOCGRID_MAX_UPLOAD_SIZE)")
        .contains("--db-url (DOCGRID_DB_URL)")
        .contains("--seeds (DOCGRID_SEEDS)")
        .contains("--job-timeout (DOCGRID_JOB_TIMEOUT)")
        .contains("--isolation (DOCGRID_ISOLATION)")
        .contains("--worker-heap (DOCGRID_WORKER_HEAP)")
        .contains("--gpu (DOCGRID_GPU)");
  }

  @Test
  void an_unknown_flag_is_a_usage_error() {
    assertThat(run(Map.of(), "serve", "--colour", "blue")).isEqualTo(2);
    assertThat(err.toString()).contains("--colour");
  }

  @Test
  void an_unknown_docgrid_variable_fails_serve_with_exit_code_2_naming_the_closest_setting(
      @TempDir Path temp) {
    int code =
        run(
            Map.of("DOCGRID_DB_ULR", "jdbc:postgresql://db:5432/docgrid", "DOCGRID_SEED", "x:1"),
            "serve",
            "--data-dir",
            temp.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("DOCGRID_DB_ULR is not a DocGrid setting; did you mean DOCGRID_DB_URL?")
        .contains("DOCGRID_SEED is not a DocGrid setting; did you mean DOCGRID_SEEDS?");
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void secrets_other_commands_settings_and_variables_read_elsewhere_are_known() {
    Map<String, String> environment = new HashMap<>();
    for (String name :
        List.of(
            "DOCGRID_DB_PASSWORD",
            "DOCGRID_S3_ACCESS_KEY_ID",
            "DOCGRID_S3_SECRET_ACCESS_KEY",
            "DOCGRID_TLS_KEYSTORE_PASSWORD",
            "DOCGRID_GRID_TLS_KEYSTORE_PASSWORD",
            "DOCGRID_GRID_TLS_TRUSTSTORE_PASSWORD",
            "DOCGRID_API_KEY",
            "DOCGRID_URL",
            "DOCGRID_STATUS_PORT",
            "DOCGRID_LOG_FORMAT",
            "DOCGRID_CHILD_TOKEN")) {
      environment.put(name, "x");
    }

    // An invalid port stops serve after the environment was checked and before anything starts.
    assertThat(run(environment, "serve", "--port", "99999")).isEqualTo(2);

    assertThat(err.toString()).contains("--port (DOCGRID_PORT)").doesNotContain("not a DocGrid");
  }

  @Test
  void help_is_answered_whatever_the_environment_holds() {
    assertThat(run(Map.of("DOCGRID_DB_ULR", "x"), "serve", "--help")).isZero();
    assertThat(out.toString()).contains("--db-url");
  }

  @Test
  void secrets_that_are_never_flags_come_from_the_given_environment() {
    NodeConfig config =
        ParsedSettings.serve(
            Map.of(
                "DOCGRID_DB_URL", "jdbc:postgresql://db:5432/docgrid",
                "DOCGRID_DB_PASSWORD", "from-the-environment"));
    assertThat(config.db().password()).isEqualTo("from-the-environment");
    assertThat(ParsedSettings.serve(Map.of()).db().password()).isEmpty();
  }

  @Test
  void an_empty_password_file_is_a_usage_error_naming_the_file(@TempDir Path temp)
      throws Exception {
    Path empty = Files.createFile(temp.resolve("db-password"));

    int code =
        run(
            Map.of(),
            "serve",
            "--data-dir",
            temp.toString(),
            "--db-password-file",
            empty.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--db-password-file (DOCGRID_DB_PASSWORD_FILE) is empty: " + empty);
  }

  @Test
  void the_database_password_never_shows_in_the_configuration_text() {
    var db = new NodeConfig.DbConfig("jdbc:postgresql://h/db?password=hunter2", "u", "hunter2", 5);
    assertThat(db.toString()).doesNotContain("hunter2");
  }
}
