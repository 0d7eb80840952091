package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program outside the JVM (python3, node, bash, a second java) as a test runs it. */
final class ExternalCommand {

  private ExternalCommand() {}

  /** How a command ended: its exit status and its output, standard error included. */
  record Finished(int exitValue, String output) {}

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added, and returns its
   * output (standard error included); fails the test unless it exits 0 within five minutes.
   */
  static String succeeds(Path directory, List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    Finished finished = runs(directory, command, environment);
    assertThat(finished.exitValue()).as(command + ": " + finished.output()).isZero();
    return finished.output();
  }

  /** Runs {@code command} as above and returns how it ended, whatever its exit status. */
  static Finished runs(Path directory, List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    Process process = builder(directory, command, environment).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(command + " finished").isTrue();
    return new Finished(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code command} (a server the test then talks to) with its output written to {@code
   * output}; it runs until closed.
   */
  static Running starts(
      Path directory, List<String> command, Map<String, String> environment, Path output)
      throws IOException {
    Process process =
        builder(directory, command, environment).redirectOutput(output.toFile()).start();
    return new Running(process, output);
  }

  private static ProcessBuilder builder(
      Path directory, List<String> command, Map<String, String> environment) {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // nothing written into the sources
    return builder;
  }

  /** A command that runs while the test talks to it. */
  static final class Running implements AutoCloseable {

    private final Process process;
    private final Path output;

    private Running(Process process, Path output) {
      this.process = process;
      this.output = output;
    }

    /** What it has written so far, standard error included. */
    String output() throws IOException {
      return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
