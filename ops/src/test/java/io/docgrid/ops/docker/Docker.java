package io.docgrid.ops.docker;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The container engine, driven through the {@code docker} command line (as an operator would, and
 * without a client library that must match the daemon's API version). When no daemon runs and this
 * user may start one, it starts {@code dockerd} without bridge networking: every container of these
 * tests runs with {@code --network host} on 127.0.0.1.
 */
final class Docker implements AutoCloseable {

  /** {@code -Ddocgrid.containers.skip=true}: skip the container tests, saying so. */
  static final String SKIP_PROPERTY = "docgrid.containers.skip";

  private static final Duration DAEMON_START = Duration.ofSeconds(60);

  private final Process startedDaemon;

  private Docker(Process startedDaemon) {
    this.startedDaemon = startedDaemon;
  }

  /**
   * The engine on this machine, its daemon started if none runs. Fails when there is none to use,
   * unless the tests were told to skip: a suite that silently skips its staging test proves
   * nothing.
   */
  static Docker onThisMachine(Path daemonLog) throws Exception {
    Assumptions.assumeFalse(
        Boolean.getBoolean(SKIP_PROPERTY), "container tests skipped: -D" + SKIP_PROPERTY + "=true");
    if (executable("docker").isEmpty()) {
      fail(
          "no docker command on this machine: install docker.io (.ci/run does), or run with -D"
              + SKIP_PROPERTY
              + "=true to skip the container tests");
    }
    if (answers()) {
      return new Docker(null);
    }
    Optional<Path> dockerd = executable("dockerd");
    if (dockerd.isEmpty()) {
      fail("the docker daemon does not run and there is no dockerd to start");
    }
    Process daemon =
        new ProcessBuilder(
                dockerd.get().toString(), "--bridge=none", "--iptables=false", "--ip-masq=false")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(daemonLog.toFile()))
            .start();
    long deadline = System.nanoTime() + DAEMON_START.toNanos();
    while (!answers()) {
      if (!daemon.isAlive() || System.nanoTime() > deadline) {
        daemon.destroy();
        fail("dockerd did not start (it must run as root); see " + daemonLog);
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    return new Docker(daemon);
  }

  /**
   * Runs {@code docker args…} and returns its standard output, trimmed; fails on a non-zero exit.
   */
  String run(String... args) throws IOException, InterruptedException {
    Result result = attempt(args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "docker "
              + String.join(" ", args)
              + " exited with "
              + result.exitCode()
              + ":\n"
              + result.output());
    }
    return result.output().trim();
  }

  /** Runs {@code docker args…} and returns how it went, whatever that was. */
  Result attempt(String... args) throws IOException, InterruptedException {
    return execute(command(args));
  }

  boolean imageExists(String image) throws IOException, InterruptedException {
    return attempt("image", "inspect", "--format", "{{.Id}}", image).exitCode() == 0;
  }

  /** The daemon this object started, if it did, is stopped; one that ran before keeps running. */
  @Override
  public void close() throws InterruptedException {
    if (startedDaemon != null) {
      startedDaemon.destroy();
      if (!startedDaemon.waitFor(30, TimeUnit.SECONDS)) {
        startedDaemon.destroyForcibly();
      }
    }
  }

  /** What a command printed (standard output and error together) and its exit code. */
  record Result(int exitCode, String output) {}

  static Result execute(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    return new Result(process.waitFor(), new String(output, StandardCharsets.UTF_8));
  }

  private static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(List.of(args));
    return command;
  }

  private static boolean answers() throws IOException, InterruptedException {
    return execute(command("version", "--format", "{{.Server.Version}}")).exitCode() == 0;
  }

  /** The program on the PATH, or in the system directories a non-login PATH may lack. */
  static Optional<Path> executable(String name) {
    List<String> directories = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      directories.addAll(List.of(path.split(":")));
    }
    directories.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin"));
    return directories.stream()
        .filter(directory -> !directory.isEmpty())
        .map(directory -> Path.of(directory, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
