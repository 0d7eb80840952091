package io.docgrid.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Prometheus and Alertmanager programs the monitoring tests run: promtool, amtool, prometheus
 * and alertmanager, from Debian's {@code prometheus} and {@code prometheus-alertmanager} packages,
 * which .ci/run installs. A missing one fails the test, unless {@code
 * -Ddocgrid.monitoring.skip=true} says to skip these tests on this machine.
 */
final class MonitoringTools {

  static final String SKIP_PROPERTY = "docgrid.monitoring.skip";

  private MonitoringTools() {}

  /** The first of {@code names} found on the PATH. */
  static Path require(String... names) {
    for (String name : names) {
      for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(directory, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    String missing = String.join(" or ", names);
    if (Boolean.getBoolean(SKIP_PROPERTY)) {
      Assumptions.abort(missing + " is not installed and -D" + SKIP_PROPERTY + "=true");
    }
    return fail(
        missing
            + " is not on the PATH: .ci/run installs it (apt-get install prometheus"
            + " prometheus-alertmanager); -D"
            + SKIP_PROPERTY
            + "=true skips the monitoring tests instead");
  }

  /** Runs {@code command} in {@code directory} and returns its output; it must exit with 0. */
  static String run(Path directory, String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS))
        .as("%s finishes", Arrays.toString(command))
        .isTrue();
    assertThat(process.exitValue())
        .as("exit status of %s, which said:%n%s", List.of(command), output)
        .isZero();
    return output;
  }
}
