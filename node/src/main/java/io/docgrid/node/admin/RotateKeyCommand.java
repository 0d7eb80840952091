package io.docgrid.node.admin;

import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code docgrid admin keys rotate ID}: {@code POST /api/v1/keys/{id}/rotate}. */
@Command(
    name = "rotate",
    description =
        "Give an API key a new secret, printed once; the old secret stops working at once. The"
            + " key keeps its id, tier, scopes and jobs.",
    mixinStandardHelpOptions = true)
final class RotateKeyCommand implements Callable<Integer> {

  @Mixin ServerOptions server;

  @Parameters(paramLabel = "ID", description = "The key's id, as list shows it.")
  UUID id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiClient.Answer rotated = server.connect().post(Keys.one(id) + "/rotate");
    server
        .output()
        .print(
            spec.commandLine().getOut(),
            rotated,
            key ->
                KeyText.issued(
                    "Rotated key " + KeyText.text(key, "id") + ": the old secret no longer works.",
                    key));
    return 0;
  }
}
