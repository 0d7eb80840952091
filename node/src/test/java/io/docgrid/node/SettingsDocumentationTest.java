package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.node.config.EnvironmentDefaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options' annotations are the one source of every default: {@code --help} and the tables of
 * docs/configuration.md must say the same, both ways (an option added without its row fails, and so
 * does a row left behind by an option removed), and name only variables that something reads.
 */
class SettingsDocumentationTest {

  private static final Path CONFIGURATION = Path.of("..", "docs", "configuration.md");
  private static final Path README = Path.of("..", "README.md");
  private static final Path DOCS = Path.of("..", "docs");

  private static final Pattern VARIABLE = Pattern.compile("DOCGRID_[A-Z0-9_]+");

  /**
   * An option where --help lists it, in its options column: " -h, --help", " --[no-]compute", "
   * --db-url=…"; descriptions, which may name flags too, are indented further.
   */
  private static final Pattern LISTED_OPTION =
      Pattern.compile("^(?: {2}-\\w, | {6})--(?:\\[no-])?([a-z0-9][a-z0-9-]*)", Pattern.MULTILINE);

  /** A flag as prose or a table names it; one ending in "-" names a family ("--grid-tls-…"). */
  private static final Pattern NAMED_FLAG = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9-]*)");

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

  /** A row of a settings table, | `--flag` | `DOCGRID_FLAG` | default | meaning |. */
  private record Row(String flags, String variables, String defaultValue) {

    static Row of(String line) {
      String[] cells = line.split("\\|");
      if (!line.startsWith("| ") || cells.length < 5 || variablesIn(cells[2]).isEmpty()) {
        return null;
      }
      return new Row(cells[1].strip(), cells[2].strip(), cells[3].strip());
    }

    boolean isSecretOrLogging() {
      return flags.equals("—");
    }

    Set<String> flagNames() {
      return NAMED_FLAG
          .matcher(flags)
          .results()
          .map(MatchResult::group)
          .collect(Collectors.toSet());
    }
  }

  /** Every settings row of docs/configuration.md, by each variable it names. */
  private static Map<String, Row> rowsByVariable() throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Row row : rows(Files.readAllLines(CONFIGURATION))) {
      variablesIn(row.variables()).forEach(variable -> rows.put(variable, row));
    }
    return rows;
  }

  /** The settings rows of the section "## `docgrid <command>`" of docs/configuration.md. */
  private static List<Row> sectionRows(String command) throws IOException {
    List<String> lines = Files.readAllLines(CONFIGURATION);
    int start = lines.indexOf("## `docgrid " + command + "`");
    assertThat(start).as("the section of docgrid " + command).isNotNegative();
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return rows(lines.subList(start + 1, end));
  }

  private static List<Row> rows(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      Row row = Row.of(line);
      if (row != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** Every name an option of {@code command} answers to, negated forms included. */
  private static Set<String> optionNames(CommandSpec command) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : command.options()) {
      for (String name : option.names()) {
        names.add(name);
        if (option.negatable() && name.startsWith("--")) {
          names.add("--no-" + name.substring(2));
        }
      }
    }
    return names;
  }

  private static Set<String> optionNamesOfEveryCommand(CommandLine command) {
    Set<String> names = new TreeSet<>(optionNames(command.getCommandSpec()));
    command.getSubcommands().values().forEach(sub -> names.addAll(optionNamesOfEveryCommand(sub)));
    return names;
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
  void the_configuration_lists_every_option_with_its_twin_and_default(String command)
      throws Exception {
    Map<String, Row> rows = rowsByVariable();
    for (OptionSpec option : settings(commandSpec(command))) {
      String variable = EnvironmentDefaults.variableFor(option);
      assertThat(rows)
          .as("docs/configuration.md row for " + option.longestName())
          .containsKey(variable);
      Row row = rows.get(variable);
      assertThat(row.flags()).as("flag of " + variable).contains("`" + option.longestName() + "`");
      if (option.defaultValue() != null) {
        assertThat(row.defaultValue())
            .as("documented default of " + option.longestName())
            .isEqualTo("`" + option.defaultValue() + "`");
      } else if (option.type() == boolean.class && !option.negatable()) {
        assertThat(row.defaultValue())
            .as("documented default of " + option.longestName())
            .isEqualTo("off");
      }
    }
  }

  @Test
  void every_option_serve_help_lists_has_a_row_in_the_serve_section() throws Exception {
    Set<String> listed =
        LISTED_OPTION
            .matcher(help("serve"))
            .results()
            .map(match -> "--" + match.group(1))
            .filter(name -> !name.equals("--help") && !name.equals("--version"))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> declared =
        settings(commandSpec("serve")).stream()
            .map(OptionSpec::longestName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(listed).as("the options serve --help lists").isEqualTo(declared);

    Set<String> documented = new TreeSet<>();
    sectionRows("serve").forEach(row -> documented.addAll(row.flagNames()));
    assertThat(documented).as("flags of the serve section").containsAll(listed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "worker"})
  void every_row_of_a_command_section_is_an_option_of_that_command_with_its_twin(String command)
      throws Exception {
    CommandSpec spec = commandSpec(command);
    Set<String> names = optionNames(spec);
    Set<String> notFlags = new HashSet<>(EnvironmentCheck.SECRETS);
    notFlags.addAll(EnvironmentCheck.READ_ELSEWHERE);
    List<Row> rows = sectionRows(command);
    assertThat(rows).as("rows of the " + command + " section").isNotEmpty();
    for (Row row : rows) {
      if (row.isSecretOrLogging()) {
        assertThat(variablesIn(row.variables())).as(row.variables()).isSubsetOf(notFlags);
        continue;
      }
      assertThat(row.flagNames()).as("a documented flag of " + command).isNotEmpty();
      for (String flag : row.flagNames()) {
        assertThat(names).as("docgrid " + command + " has the documented " + flag).contains(flag);
        OptionSpec option = spec.findOption(flag.replaceFirst("^--no-", "--"));
        assertThat(variablesIn(row.variables()))
            .as("the twin of " + flag)
            .containsExactly(EnvironmentDefaults.variableFor(option));
      }
    }
  }

  @Test
  void every_flag_the_configuration_names_is_an_option_of_some_command() throws Exception {
    Set<String> names = optionNamesOfEveryCommand(Main.newCommandLine(Map.of()));
    for (String flag : namedFlags(Files.readString(CONFIGURATION))) {
      if (flag.endsWith("-")) {
        assertThat(names).as("options of the family " + flag).anyMatch(n -> n.startsWith(flag));
      } else {
        assertThat(names).as("an option named " + flag).contains(flag);
      }
    }
  }

  @Test
  void the_docs_and_help_name_only_variables_that_something_reads() throws Exception {
    CommandLine root = Main.newCommandLine(Map.of());
    Set<String> known = new EnvironmentCheck(root.getCommandSpec()).known();

    for (Path document : documents()) {
      Set<String> named = variablesIn(Files.readString(document));
      named.remove("DOCGRID_DB_ULR"); // the example of a misspelt setting
      for (String variable : named) {
        // DOCGRID_GRID_TLS_* names a family of variables.
        assertThat(known)
            .as(document + " names " + variable)
            .anyMatch(v -> variable.endsWith("_") ? v.startsWith(variable) : v.equals(variable));
      }
    }
    assertEveryHelpNamesOnly(known, root);
  }

  @Test
  void the_configuration_documents_every_secret() throws Exception {
    assertThat(rowsByVariable()).containsKeys(EnvironmentCheck.SECRETS.toArray(String[]::new));
  }

  private static List<Path> documents() throws IOException {
    try (Stream<Path> docs = Files.walk(DOCS)) {
      List<Path> documents =
          new ArrayList<>(docs.filter(d -> d.toString().endsWith(".md")).toList());
      documents.add(README);
      return documents;
    }
  }

  private static void assertEveryHelpNamesOnly(Set<String> known, CommandLine command) {
    assertThat(variablesIn(command.getUsageMessage()))
        .as(command.getCommandSpec().qualifiedName() + " --help")
        .isSubsetOf(known);
    command.getSubcommands().values().forEach(sub -> assertEveryHelpNamesOnly(known, sub));
  }

  private static Set<String> namedFlags(String text) {
    return NAMED_FLAG
        .matcher(text)
        .results()
        .map(MatchResult::group)
        .collect(Collectors.toCollection(TreeSet::new));
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
