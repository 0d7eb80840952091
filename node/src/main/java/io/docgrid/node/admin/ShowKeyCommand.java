package io.docgrid.node.admin;

import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code docgrid admin keys show ID}: {@code GET /api/v1/keys/{id}}. */
@Command(name = "show", description = "Show one API key.", mixinStandardHelpOptions = true)
final class ShowKeyCommand implements Callable<Integer> {

  @Mixin ServerOptions server;

  @Parameters(paramLabel = "ID", description = "The key's id, as list shows it.")
  UUID id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiClient.Answer key = server.connect().get(Keys.one(id));
    server.output().print(spec.commandLine().getOut(), key, KeyText::details);
    return 0;
  }
}
