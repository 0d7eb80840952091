package io.docgrid.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code docgrid admin quarantine}: documents kept from the grid because they took workers down.
 */
@Command(
    name = "quarantine",
    description = "List and release documents quarantined because they brought workers down.",
    mixinStandardHelpOptions = true,
    subcommands = {AdminQuarantineCommand.List.class, AdminQuarantineCommand.Release.class})
final class AdminQuarantineCommand {

  static final String PATH = "/api/v1/quarantine";

  @Command(
      name = "list",
      description = "Quarantined documents, newest first.",
      mixinStandardHelpOptions = true)
  static final class List implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ApiClient.Answer answer = server.connect().get(PATH);
      server.output().print(spec.commandLine().getOut(), answer, List::table);
      return 0;
    }

    private static String table(JsonNode answer) {
      Table table = new Table("SHA256", "JOB", "ATTEMPTS", "QUARANTINED", "REASON");
      for (JsonNode document : answer.path("documents")) {
        table.row(
            KeyText.text(document, "sha256"),
            KeyText.text(document, "jobId"),
            KeyText.text(document, "attempts"),
            KeyText.text(document, "quarantinedAt"),
            KeyText.text(document, "reason"));
      }
      return answer.path("documents").isEmpty() ? "No quarantined documents." : table.render();
    }
  }

  @Command(
      name = "release",
      description = "Let a quarantined document be submitted again.",
      mixinStandardHelpOptions = true)
  static final class Release implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(paramLabel = "SHA256", description = "The document's SHA-256, as jobs show it.")
    String sha256;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      server.connect().delete(PATH + "/" + sha256);
      ApiClient.Answer released =
          new ApiClient.Answer(
              "{\"released\":\"" + sha256.replaceAll("[^0-9A-Fa-f]", "") + "\"}", null);
      server
          .output()
          .print(
              spec.commandLine().getOut(),
              released,
              nothing -> "Released " + sha256 + " from quarantine.");
      return 0;
    }
  }
}
