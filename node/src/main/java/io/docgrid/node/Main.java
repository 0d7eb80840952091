package io.docgrid.node;

import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.Environment;
import io.docgrid.node.config.EnvironmentDefaults;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code docgrid} command: the only place that reads the process environment,
 * and the only one that exits the JVM.
 */
public final class Main {

  static final int EXIT_OK = 0;
  static final int EXIT_START_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    setIgniteProperties();
    System.exit(run(System.getenv(), args));
  }

  /** Ignite reads these flags as system properties; set them before any node starts. */
  static void setIgniteProperties() {
    // SIGTERM drains: the node's own shutdown hook waits for running jobs (--shutdown-grace) and
    // then stops Ignite. Ignite's hook would stop the grid at once, cancelling them.
    System.setProperty("IGNITE_NO_SHUTDOWN_HOOK", "true");
    System.setProperty("java.net.preferIPv4Stack", "true");
    System.setProperty("IGNITE_NO_ASCII", "true");
    System.setProperty("IGNITE_UPDATE_NOTIFIER", "false");
    System.setProperty("IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED", "true");
    // Not "quiet": Ignite then logs through SLF4J only, instead of also printing to stdout.
    System.setProperty("IGNITE_QUIET", "false");
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  static int run(Map<String, String> environment, String... args) {
    return newCommandLine(environment).execute(args);
  }

  /**
   * The command line, with {@code environment} as the source of every option's environment twin and
   * of the secrets that are never flags: the process environment, or a test's own. A {@code
   * DOCGRID_} variable that nothing reads stops every command but help with exit code 2.
   */
  static CommandLine newCommandLine(Map<String, String> environment) {
    CommandLine commandLine =
        new CommandLine(new DocgridCommand(), new EnvironmentFactory(new Environment(environment)));
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    EnvironmentCheck check = new EnvironmentCheck(commandLine.getCommandSpec());
    commandLine.setExecutionStrategy(
        parsed -> {
          List<String> unknown = helpRequested(parsed) ? List.of() : check.problems(environment);
          if (!unknown.isEmpty()) {
            commandLine.getErr().println(new ConfigException(unknown).getMessage());
            return EXIT_USAGE;
          }
          return new CommandLine.RunLast().execute(parsed);
        });
    commandLine.setExecutionExceptionHandler(
        (failure, cmd, parsed) -> {
          if (failure instanceof ConfigException config) {
            cmd.getErr().println(config.getMessage());
            return EXIT_USAGE;
          }
          if (failure instanceof CommandFailure expected) {
            cmd.getErr().println("error: " + expected.getMessage());
            return expected.exitCode();
          }
          cmd.getErr().println("docgrid: could not start: " + describe(failure));
          org.slf4j.LoggerFactory.getLogger(Main.class).error("start failed", failure);
          return EXIT_START_FAILED;
        });
    return commandLine;
  }

  /** Help and version are answered whatever the environment holds. */
  private static boolean helpRequested(CommandLine.ParseResult parsed) {
    for (var level = parsed; level != null; level = level.subcommand()) {
      if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure
        ? String.valueOf(failure.getMessage())
        : failure.getMessage() + " (" + root.getMessage() + ")";
  }
}
