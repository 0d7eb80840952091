package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;
import java.util.Map;
import picocli.CommandLine;

/** The configuration {@code docgrid serve} would run with, parsed and validated but not started. */
final class ServeConfigs {

  private ServeConfigs() {}

  static NodeConfig configOf(Map<String, String> environment, String... serveArgs) {
    CommandLine commandLine = Main.newCommandLine(environment);
    String[] args = new String[serveArgs.length + 1];
    args[0] = "serve";
    System.arraycopy(serveArgs, 0, args, 1, serveArgs.length);
    CommandLine.ParseResult parsed = commandLine.parseArgs(args);
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    return serve.options.toConfig();
  }
}
