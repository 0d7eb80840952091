package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.node.config.EnvironmentDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options' annotations are the one source of every default: {@code --help} and the README's
 * configuration table must say the same, and name only variables that something reads.
 */
class SettingsDocumentationTest {

  private static final Path README = Path.of("..", "README.md");

  private static final Pattern VARIABLE = Pattern.compile("DOCGRID_[A-Z0-9_]+");

  private static CommandSpec commandSpec(String command) {
    return Main.newCommandLine(Map.of()).getSubcommands().get(command).getCommandSpec();
  }

  private static String help(String... command) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.newCommandLine(Map.of());
    commandLine.setOut(new PrintWriter(out, true));
    String[] args = new String[command.length + 1];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--help";
    assertThat(commandLine.execute(args)).isZero();
    return out.toString();
  }

  private static List<OptionSpec> settings(CommandSpec command) {
    return command.options().stream()
        .filter(option -> !option.usageHelp() && !option.versionHelp())
        .toList();
  }

  /**
   * The rows of the README's tables of settings, | `--flag` | `DOCGRID_FLAG` | default | meaning |,
   * by each variable of the second column: the flag column and the default column.
   */
  private static Map<String, String[]> readmeRows() throws Exception {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(README)) {
      String[] cells = line.split("\\|");
      if (!line.startsWith("| ") || cells.length < 5) {
        continue;
      }
      for (String variable : variablesIn(cells[2])) {
        rows.put(variable, new String[] {cells[1].strip(), cells[3].strip()});
      }
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "worker"})
  void help_shows_every_default_the_options_declare(String command) {
    String help = withoutSpace(help(command));
    for (OptionSpec option : settings(commandSpec(command))) {
      String description = String.join(" ", option.description());
      assertThat(help).as(option.longestName()).contains(withoutSpace(description));
      if (option.defaultValue() != null) {
        assertThat(description)
            .as(option.longestName() + " declares a default that --help does not show")
            .contains("(default: " + option.defaultValue() + ")");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "worker"})
  void the_readme_lists_every_option_with_its_twin_and_default(String command) throws Exception {
    Map<String, String[]> rows = readmeRows();
    for (OptionSpec option : settings(commandSpec(command))) {
      String variable = EnvironmentDefaults.variableFor(option);
      assertThat(rows).as("README row for " + option.longestName()).containsKey(variable);
      String[] row = rows.get(variable);
      assertThat(row[0]).as("flag of " + variable).contains("`" + option.longestName() + "`");
      if (option.defaultValue() != null) {
        assertThat(row[1])
            .as("README default of " + option.longestName())
            .isEqualTo("`" + option.defaultValue() + "`");
      } else if (option.type() == boolean.class && !option.negatable()) {
        assertThat(row[1]).as("README default of " + option.longestName()).isEqualTo("off");
      }
    }
  }

  @Test
  void the_readme_and_help_name_only_variables_that_something_reads() throws Exception {
    CommandLine root = Main.newCommandLine(Map.of());
    Set<String> known = new EnvironmentCheck(root.getCommandSpec()).known();

    Set<String> inReadme = variablesIn(Files.readString(README));
    inReadme.remove("DOCGRID_DB_ULR"); // its example of a misspelt setting
    assertThat(inReadme).isSubsetOf(known);
    assertEveryHelpNamesOnly(known, root);
  }

  @Test
  void the_readme_documents_every_secret() throws Exception {
    assertThat(readmeRows()).containsKeys(EnvironmentCheck.SECRETS.toArray(String[]::new));
  }

  private static void assertEveryHelpNamesOnly(Set<String> known, CommandLine command) {
    assertThat(variablesIn(command.getUsageMessage()))
        .as(command.getCommandSpec().qualifiedName() + " --help")
        .isSubsetOf(known);
    command.getSubcommands().values().forEach(sub -> assertEveryHelpNamesOnly(known, sub));
  }

  /** Help text as picocli wraps it, or not: line breaks may fall inside a value. */
  private static String withoutSpace(String text) {
    return text.replaceAll("\\s+", "");
  }

  private static Set<String> variablesIn(String text) {
    return VARIABLE
        .matcher(text)
        .results()
        .map(MatchResult::group)
        .collect(Collectors.toCollection(HashSet::new));
  }
}
