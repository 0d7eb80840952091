package io.docgrid.node;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** One run of the {@code docgrid} command in this JVM: what it printed, and how it ended. */
record CommandRun(int exitCode, String out, String err) {

  /** Runs {@code docgrid <args>} against {@code node}, as its admin. */
  static CommandRun asAdminOf(TestNode node, String... args) {
    return of(
        Map.of("DOCGRID_URL", "http://127.0.0.1:" + node.port(), "DOCGRID_API_KEY", node.adminKey),
        args);
  }

  /** Runs {@code docgrid <args>} with {@code environment} as its environment. */
  static CommandRun of(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine(environment);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
