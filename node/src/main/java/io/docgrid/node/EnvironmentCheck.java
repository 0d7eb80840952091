package io.docgrid.node;

import io.docgrid.node.admin.ConnectionOptions;
import io.docgrid.node.config.BlobStoreOptions;
import io.docgrid.node.config.DatabaseOptions;
import io.docgrid.node.config.EnvironmentDefaults;
import io.docgrid.node.config.GridTlsOptions;
import io.docgrid.node.config.Secrets;
import io.docgrid.node.config.SecurityOptions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Refuses {@code DOCGRID_} variables that nothing reads, naming the known one closest to each: a
 * misspelt {@code DOCGRID_DB_ULR} would otherwise start a node on the embedded database without a
 * word. Known are the twins of every command's options (not only the command run, so that one shell
 * can hold the settings of {@code serve} and of {@code admin}), the secrets that are never flags,
 * and {@link #READ_ELSEWHERE}.
 */
final class EnvironmentCheck {

  /** Variables read by something other than the options, which a node's environment may hold. */
  static final Set<String> READ_ELSEWHERE =
      Set.of(
          // logback.xml: the log format and level.
          "DOCGRID_LOG_FORMAT",
          "DOCGRID_LOG_LEVEL",
          // Set by a node for the extraction child JVMs it starts.
          "DOCGRID_CHILD_TOKEN");

  /** Secrets, read by {@link Secrets} from a file or their variable, never from a flag. */
  static final List<String> SECRETS =
      List.of(
          Secrets.variableFor(DatabaseOptions.PASSWORD_FILE),
          Secrets.variableFor(SecurityOptions.KEYSTORE_PASSWORD_FILE),
          Secrets.variableFor(GridTlsOptions.KEYSTORE_PASSWORD_FILE),
          Secrets.variableFor(GridTlsOptions.TRUSTSTORE_PASSWORD_FILE),
          Secrets.variableFor(ConnectionOptions.API_KEY_FILE),
          BlobStoreOptions.ACCESS_KEY_VARIABLE,
          BlobStoreOptions.SECRET_KEY_VARIABLE);

  private static final LevenshteinDistance EDIT_DISTANCE = LevenshteinDistance.getDefaultInstance();

  private final Set<String> known = new TreeSet<>();

  EnvironmentCheck(CommandSpec root) {
    addTwins(root);
    known.addAll(SECRETS);
    known.addAll(READ_ELSEWHERE);
  }

  /** Every variable docgrid reads, sorted. */
  Set<String> known() {
    return known;
  }

  /** One problem for each {@code DOCGRID_} variable in {@code environment} that nothing reads. */
  List<String> problems(Map<String, String> environment) {
    return environment.keySet().stream()
        .filter(name -> name.startsWith(EnvironmentDefaults.PREFIX) && !known.contains(name))
        .sorted()
        .map(name -> name + " is not a DocGrid setting; did you mean " + closest(name) + "?")
        .toList();
  }

  private void addTwins(CommandSpec command) {
    for (OptionSpec option : command.options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        known.add(EnvironmentDefaults.variableFor(option));
      }
    }
    command.subcommands().values().forEach(sub -> addTwins(sub.getCommandSpec()));
  }

  private String closest(String name) {
    return known.stream()
        .min(Comparator.comparingInt((String candidate) -> EDIT_DISTANCE.apply(name, candidate)))
        .orElseThrow();
  }
}
