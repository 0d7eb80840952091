package io.docgrid.node;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** The docgrid command line, run in-process against a test node as its admin. */
final class Cli {

  /** What a run printed, and its exit code. */
  record Run(int exitCode, String out, String err) {}

  private Cli() {}

  static Run run(TestNode node, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        Main.newCommandLine(
            Map.of(
                "DOCGRID_URL",
                "http://127.0.0.1:" + node.port(),
                "DOCGRID_API_KEY",
                node.adminKey));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return new Run(commandLine.execute(args), out.toString(), err.toString());
  }
}
