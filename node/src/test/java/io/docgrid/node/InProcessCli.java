package io.docgrid.node;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One {@code docgrid} command run in the test's JVM, with its exit code and output. */
record InProcessCli(int exitCode, String out, String err) {

  static InProcessCli docgrid(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine(environment);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return new InProcessCli(commandLine.execute(args), out.toString(), err.toString());
  }
}
