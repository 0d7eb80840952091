package io.docgrid.node.admin;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code docgrid admin} command shares: where to call, and how to print. */
final class ServerOptions {

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description = "table (for people) or json (the server's JSON as-is) (default: table).",
      defaultValue = "table")
  Output output;

  Output output() {
    return output;
  }

  ApiClient connect() {
    return connection.connect();
  }
}
