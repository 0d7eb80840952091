package io.docgrid.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Migrations expand, then contract (docs/upgrades.md): while a rolling upgrade runs, nodes of the
 * release before work on the new schema, and a rollback puts them back on it. So a migration never
 * adds a column old code cannot insert without, and removes, renames or tightens nothing, unless it
 * is a contract migration: one marked {@code -- contract: <what> unused since <release>}, shipped a
 * release after the last code that used it.
 */
class MigrationScriptsTest {

  private static final Pattern CONTRACTING =
      Pattern.compile(
          "(?is).*\\b(DROP\\s+(COLUMN|TABLE|CONSTRAINT)|RENAME|ALTER\\s+COLUMN\\b.*\\b(TYPE|SET\\s+NOT\\s+NULL))\\b.*");
  private static final Pattern ADDS_REQUIRED_COLUMN =
      Pattern.compile("(?is).*\\bADD\\s+COLUMN\\b.*\\bNOT\\s+NULL\\b.*");
  private static final Pattern HAS_DEFAULT = Pattern.compile("(?is).*\\bDEFAULT\\b.*");
  private static final Pattern CONTRACT_MARKER =
      Pattern.compile("(?im)^\\s*--\\s*contract:.*\\bunused since\\s+\\S+");

  @Test
  void the_rules_flag_what_would_break_nodes_of_the_release_before() {
    assertThat(violations("ALTER TABLE jobs DROP COLUMN node_id")).hasSize(1);
    assertThat(violations("ALTER TABLE jobs RENAME COLUMN node_id TO worker_id")).hasSize(1);
    assertThat(violations("ALTER TABLE jobs ALTER COLUMN tier SET NOT NULL")).hasSize(1);
    assertThat(violations("ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL")).hasSize(1);
    assertThat(violations("ALTER TABLE jobs ADD COLUMN priority INTEGER DEFAULT 0 NOT NULL"))
        .isEmpty();
    assertThat(
            violations(
                "-- contract: jobs.node_id unused since 0.4.0\nALTER TABLE jobs DROP COLUMN node_id"))
        .isEmpty();
  }

  @Test
  void every_migration_expands_or_is_a_marked_contract_migration() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> scripts = Files.walk(migrations())) {
      for (Path script : scripts.filter(path -> path.toString().endsWith(".sql")).toList()) {
        violations(Files.readString(script))
            .forEach(statement -> found.add(script.getFileName() + ": " + statement));
      }
    }

    assertThat(found)
        .as(
            "statements that break nodes of the release before during a rolling upgrade or a"
                + " rollback; add columns nullable or with a default, and drop, rename or tighten"
                + " only in a later release's migration marked '-- contract: <what> unused since"
                + " <release>' (docs/upgrades.md)")
        .isEmpty();
  }

  private static List<String> violations(String script) {
    List<String> violations = new ArrayList<>();
    for (String statement : script.split(";")) {
      String code =
          statement
              .lines()
              .filter(line -> !line.strip().startsWith("--"))
              .collect(Collectors.joining("\n"))
              .strip();
      if (code.isEmpty()) {
        continue;
      }
      boolean contracting = CONTRACTING.matcher(code).matches();
      boolean required =
          ADDS_REQUIRED_COLUMN.matcher(code).matches() && !HAS_DEFAULT.matcher(code).matches();
      if ((contracting && !CONTRACT_MARKER.matcher(statement).find()) || required) {
        violations.add(code.replaceAll("\\s+", " "));
      }
    }
    return violations;
  }

  private static Path migrations() {
    try {
      return Path.of(Migrations.class.getResource("/db/migration").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
