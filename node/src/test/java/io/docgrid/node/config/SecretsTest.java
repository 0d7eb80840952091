package io.docgrid.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way every secret is read: its file, else its variable, with one rule for nothing. */
class SecretsTest {

  private static final String FILE_OPTION = "--db-password-file";

  @TempDir Path temp;

  private final List<String> problems = new ArrayList<>();

  private static Secrets secrets(Map<String, String> environment) {
    return new Secrets(new Environment(environment));
  }

  @Test
  void the_variable_is_the_file_options_twin_without_file() {
    assertThat(Secrets.variableFor("--db-password-file")).isEqualTo("DOCGRID_DB_PASSWORD");
    assertThat(Secrets.variableFor("--grid-tls-truststore-password-file"))
        .isEqualTo("DOCGRID_GRID_TLS_TRUSTSTORE_PASSWORD");
    assertThat(Secrets.sources("--api-key-file")).isEqualTo("DOCGRID_API_KEY or --api-key-file");
    assertThatThrownBy(() -> Secrets.variableFor("--db-url"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_file_wins_over_the_variable_and_surrounding_whitespace_is_dropped() throws Exception {
    Path file = Files.writeString(temp.resolve("password"), "  from-the-file\n");
    Secrets secrets = secrets(Map.of("DOCGRID_DB_PASSWORD", "from-the-environment"));

    assertThat(secrets.optional(FILE_OPTION, file, problems)).contains("from-the-file");
    assertThat(secrets.optional(FILE_OPTION, null, problems)).contains("from-the-environment");
    assertThat(
            secrets(Map.of("DOCGRID_DB_PASSWORD", " padded\n"))
                .optional(FILE_OPTION, null, problems))
        .contains("padded");
    assertThat(problems).isEmpty();
  }

  @Test
  void neither_source_is_no_secret_which_only_a_required_one_reports() {
    assertThat(secrets(Map.of()).optional(FILE_OPTION, null, problems)).isEmpty();
    assertThat(problems).isEmpty();

    assertThat(secrets(Map.of()).required(FILE_OPTION, null, "it is missing", problems)).isEmpty();
    assertThat(problems).containsExactly("it is missing");
  }

  @Test
  void a_missing_file_is_a_problem_naming_the_option_its_twin_and_the_path() {
    Path missing = temp.resolve("missing");
    Secrets secrets = secrets(Map.of("DOCGRID_DB_PASSWORD", "not-used-when-a-file-is-named"));

    assertThat(secrets.required(FILE_OPTION, missing, "it is missing", problems)).isEmpty();

    assertThat(problems)
        .containsExactly(
            "--db-password-file (DOCGRID_DB_PASSWORD_FILE) cannot be read: " + missing);
  }

  @Test
  void an_empty_file_is_a_problem_naming_the_path_not_a_secret_of_nothing() throws Exception {
    Path empty = Files.writeString(temp.resolve("empty"), " \n");

    assertThat(secrets(Map.of()).optional(FILE_OPTION, empty, problems)).isEmpty();

    assertThat(problems)
        .containsExactly("--db-password-file (DOCGRID_DB_PASSWORD_FILE) is empty: " + empty);
  }

  @Test
  void a_variable_set_to_nothing_is_a_problem_naming_the_variable() {
    Secrets secrets = secrets(Map.of("DOCGRID_DB_PASSWORD", "  "));

    assertThat(secrets.required(FILE_OPTION, null, "it is missing", problems)).isEmpty();

    assertThat(problems)
        .singleElement()
        .satisfies(
            problem -> assertThat(problem).startsWith("DOCGRID_DB_PASSWORD is set to nothing"));
  }

  @Test
  void a_file_with_a_format_of_its_own_is_read_as_written() throws Exception {
    Path file = Files.writeString(temp.resolve("pair"), "\n# comment\nkey=value\n");

    assertThat(secrets(Map.of()).file("--s3-credentials-file", file, problems))
        .contains("\n# comment\nkey=value\n");
    assertThat(problems).isEmpty();
  }
}
