package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.config.WorkerConfig;
import java.util.Map;
import picocli.CommandLine;

/**
 * What {@code docgrid serve} and {@code docgrid worker} make of flags and an environment, parsed
 * and validated as at start-up, with nothing started.
 */
final class ParsedSettings {

  private ParsedSettings() {}

  /** The configuration of {@code docgrid serve <args>} in {@code environment}. */
  static NodeConfig serve(Map<String, String> environment, String... args) {
    return ((ServeCommand) command(environment, "serve", args)).options.toConfig();
  }

  /** The configuration of {@code docgrid worker <args>} in {@code environment}. */
  static WorkerConfig worker(Map<String, String> environment, String... args) {
    return ((WorkerCommand) command(environment, "worker", args)).options.toConfig();
  }

  private static Object command(Map<String, String> environment, String name, String... args) {
    String[] line = new String[args.length + 1];
    line[0] = name;
    System.arraycopy(args, 0, line, 1, args.length);
    CommandLine.ParseResult parsed = Main.newCommandLine(environment).parseArgs(line);
    return parsed.subcommand().commandSpec().userObject();
  }
}
