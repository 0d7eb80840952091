package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program outside the JVM (python3, node, bash, a second java) as a test runs it. */
final class ExternalCommand {

  private ExternalCommand() {}

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added, and returns its
   * output (standard error included); fails the test unless it exits 0 within five minutes.
   */
  static String succeeds(Path directory, List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // nothing written into the sources
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(command + " finished").isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(command + ": " + text).isZero();
    return text;
  }
}
