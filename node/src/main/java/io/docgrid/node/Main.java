package io.docgrid.node;

import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.EnvironmentDefaults;
import picocli.CommandLine;

/** Entry point of the {@code docgrid} command; the only place that exits the JVM. */
public final class Main {

  static final int EXIT_OK = 0;
  static final int EXIT_START_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    quietenIgnite();
    System.exit(run(args));
  }

  /** Ignite reads these flags as system properties; set them before any node starts. */
  static void quietenIgnite() {
    System.setProperty("java.net.preferIPv4Stack", "true");
    System.setProperty("IGNITE_NO_ASCII", "true");
    System.setProperty("IGNITE_UPDATE_NOTIFIER", "false");
    System.setProperty("IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED", "true");
    // Not "quiet": Ignite then logs through SLF4J only, instead of also printing to stdout.
    System.setProperty("IGNITE_QUIET", "false");
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  static int run(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new DocgridCommand());
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(System.getenv()));
    commandLine.setExecutionExceptionHandler(
        (failure, cmd, parsed) -> {
          if (failure instanceof ConfigException config) {
            cmd.getErr().println(config.getMessage());
            return EXIT_USAGE;
          }
          cmd.getErr().println("docgrid: could not start: " + describe(failure));
          org.slf4j.LoggerFactory.getLogger(Main.class).error("start failed", failure);
          return EXIT_START_FAILED;
        });
    return commandLine;
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
