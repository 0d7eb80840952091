package io.docgrid.node.admin;

import io.docgrid.api.auth.Tier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code docgrid admin keys create}: {@code POST /api/v1/keys}. */
@Command(
    name = "create",
    description = "Create an API key. Its secret is printed once, in this answer only.",
    mixinStandardHelpOptions = true)
final class CreateKeyCommand implements Callable<Integer> {

  @Mixin ServerOptions server;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "What the key is for, e.g. ci-upload.")
  String name;

  @Option(
      names = "--tier",
      paramLabel = "TIER",
      description = "${COMPLETION-CANDIDATES} (default: the server's, STANDARD).")
  Tier tier;

  @Option(
      names = "--scope",
      split = ",",
      paramLabel = "SCOPE",
      description =
          "jobs:read, jobs:write or admin; repeat for more (default: jobs:read and jobs:write).")
  List<String> scopes;

  @Option(
      names = "--expires-at",
      paramLabel = "INSTANT",
      description = "When the key stops working, e.g. 2027-01-01T00:00:00Z (default: never).")
  Instant expiresAt;

  @Option(
      names = "--owner",
      paramLabel = "OWNER",
      description = "Tenant the key belongs to (default: the caller).")
  String owner;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("name", name);
    if (tier != null) {
      request.put("tier", tier.name());
    }
    if (scopes != null) {
      request.put("scopes", scopes);
    }
    if (expiresAt != null) {
      request.put("expiresAt", expiresAt.toString());
    }
    if (owner != null) {
      request.put("owner", owner);
    }
    ApiClient.Answer created = server.connect().post(Keys.PATH, request);
    server
        .output()
        .print(
            spec.commandLine().getOut(),
            created,
            key -> KeyText.issued("Created key " + KeyText.text(key, "id") + ".", key));
    return 0;
  }
}
