package io.docgrid.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code docgrid admin cache}: the result cache of a running cluster. */
@Command(
    name = "cache",
    description = "Show and purge the result cache of a running cluster.",
    mixinStandardHelpOptions = true,
    subcommands = {AdminCacheCommand.Stats.class, AdminCacheCommand.Purge.class})
final class AdminCacheCommand {

  static final String PATH = "/api/v1/cache";
  private static final double MIB = 1024.0 * 1024.0;

  @Command(
      name = "stats",
      description =
          "Entries and bytes of the cluster's cache; hits, misses and near cache of the node that"
              + " answers.",
      mixinStandardHelpOptions = true)
  static final class Stats implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ApiClient.Answer stats = server.connect().get(PATH);
      server.output().print(spec.commandLine().getOut(), stats, AdminCacheCommand::statsText);
      return 0;
    }
  }

  @Command(
      name = "purge",
      description = "Drop the cached results of one document (every options variant), or all.",
      mixinStandardHelpOptions = true)
  static final class Purge implements Callable<Integer> {
    @Mixin ServerOptions server;

    @ArgGroup(multiplicity = "1")
    Target target;

    @Spec CommandSpec spec;

    /** Exactly one of the two. */
    static final class Target {
      @Option(names = "--sha256", description = "The document's SHA-256, as jobs show it.")
      String sha256;

      @Option(names = "--all", description = "Every cached result.")
      boolean all;
    }

    @Override
    public Integer call() {
      String path = target.all ? PATH : PATH + "/" + target.sha256;
      ApiClient.Answer purged = server.connect().delete(path);
      server.output().print(spec.commandLine().getOut(), purged, AdminCacheCommand::purgedText);
      return 0;
    }
  }

  static String statsText(JsonNode stats) {
    if (!stats.path("enabled").asBoolean()) {
      return "The result cache is off on the node that answered (--no-result-cache).";
    }
    JsonNode near = stats.path("nearCache");
    return new Table("", "ENTRIES", "SIZE", "HITS", "MISSES", "HIT RATE", "TTL")
            .row(
                "cluster",
                stats.path("entries").asText(),
                mib(stats.path("bytes").asLong()),
                stats.path("hits").asText(),
                stats.path("misses").asText(),
                String.format(Locale.ROOT, "%.1f%%", stats.path("hitRate").asDouble() * 100),
                stats.path("ttlSeconds").asLong() / 3600 + " h")
            .row(
                "near cache",
                near.path("entries").asText(),
                mib(near.path("bytes").asLong()) + " of " + mib(near.path("maxBytes").asLong()),
                near.path("hits").asText(),
                near.path("misses").asText(),
                "",
                "")
            .render()
        + System.lineSeparator()
        + "Hits and misses count the answering node's submissions since it started.";
  }

  static String purgedText(JsonNode purged) {
    String what =
        purged.hasNonNull("sha256")
            ? " of document " + purged.path("sha256").asText()
            : " (the whole cache)";
    return "Purged " + purged.path("removed").asLong() + " cached results" + what + ".";
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
  }
}
