package io.docgrid.node.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code docgrid admin keys list}: {@code GET /api/v1/keys}. */
@Command(
    name = "list",
    description = "List every API key, newest first.",
    mixinStandardHelpOptions = true)
final class ListKeysCommand implements Callable<Integer> {

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiClient.Answer keys = server.connect().get(Keys.PATH);
    server.output().print(spec.commandLine().getOut(), keys, KeyText::list);
    return 0;
  }
}
