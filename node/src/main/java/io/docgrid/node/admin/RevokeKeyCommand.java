package io.docgrid.node.admin;

import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code docgrid admin keys revoke ID}: {@code DELETE /api/v1/keys/{id}}. */
@Command(
    name = "revoke",
    description =
        "Revoke an API key: it stops working on every node at once. Repeating it is harmless.",
    mixinStandardHelpOptions = true)
final class RevokeKeyCommand implements Callable<Integer> {

  @Mixin ServerOptions server;

  @Parameters(paramLabel = "ID", description = "The key's id, as list shows it.")
  UUID id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiClient.Answer revoked = server.connect().delete(Keys.one(id));
    server
        .output()
        .print(
            spec.commandLine().getOut(),
            revoked,
            key ->
                String.join(
                    System.lineSeparator(),
                    "Revoked key " + KeyText.text(key, "id") + ".",
                    KeyText.details(key)));
    return 0;
  }
}
