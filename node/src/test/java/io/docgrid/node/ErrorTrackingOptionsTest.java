package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s Sentry settings: off by default, from a flag, its variable or a file. */
class ErrorTrackingOptionsTest {

  private static final String DSN = "https://0123abcd@sentry.example.org/42";

  private static NodeConfig.ErrorTrackingConfig configOf(
      Map<String, String> environment, String... serveArgs) {
    return ServeConfigs.configOf(environment, serveArgs).errorTracking();
  }

  @Test
  void error_tracking_is_off_unless_a_dsn_is_given() {
    assertThat(configOf(Map.of()).enabled()).isFalse();
  }

  @Test
  void the_dsn_comes_from_the_flag_or_its_variable_and_is_never_logged() {
    NodeConfig.ErrorTrackingConfig fromFlag =
        configOf(Map.of(), "--sentry-dsn", DSN, "--sentry-environment", "staging");
    assertThat(fromFlag.sentryDsn()).isEqualTo(DSN);
    assertThat(fromFlag.environment()).isEqualTo("staging");
    assertThat(fromFlag.toString()).doesNotContain("0123abcd");

    assertThat(configOf(Map.of("DOCGRID_SENTRY_DSN", DSN)).sentryDsn()).isEqualTo(DSN);
  }

  @Test
  void a_dsn_file_wins_over_the_flag(@TempDir Path temp) throws Exception {
    Path file = Files.writeString(temp.resolve("dsn"), DSN.replace("42", "43") + "\n");
    assertThat(
            configOf(Map.of(), "--sentry-dsn", DSN, "--sentry-dsn-file", file.toString())
                .sentryDsn())
        .isEqualTo("https://0123abcd@sentry.example.org/43");
  }

  @Test
  void a_malformed_dsn_is_a_problem_that_does_not_repeat_it() {
    assertThatThrownBy(
            () -> configOf(Map.of(), "--sentry-dsn", "https://sentry.example.org/secretish"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--sentry-dsn (DOCGRID_SENTRY_DSN) must be a Sentry DSN")
        .hasMessageNotContaining("secretish");
  }
}
