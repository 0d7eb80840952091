package io.docgrid.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.ApiJson;
import io.docgrid.api.validation.RequestValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The table of job options in docs/api.md says what the codec does. */
class OptionsTableTest {

  private static final Path API_REFERENCE = Path.of("..", "docs", "api.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z]+)` \\| ([^|]+) \\|");
  private static final Pattern JSON_DEFAULT = Pattern.compile("`([^`]+)`");

  private final ObjectMapper json = ApiJson.newMapper();
  private final RequestValidator validator = new RequestValidator(json);
  private final JobOptions options = new JobOptions(validator);

  @AfterEach
  void close() {
    validator.close();
  }

  @Test
  void the_api_reference_lists_exactly_the_options_the_codec_reads() throws IOException {
    assertThat(optionsTable().keySet()).containsExactlyInAnyOrderElementsOf(options.names());
  }

  @Test
  void defaults_written_as_json_in_the_api_reference_are_the_codecs_defaults() throws IOException {
    JsonNode defaults = json.readTree(options.parse(null).canonical());
    Map<String, String> table = optionsTable();
    int checked = 0;
    for (Map.Entry<String, String> row : table.entrySet()) {
      Matcher literal = JSON_DEFAULT.matcher(row.getValue());
      // Defaults in words ("all", "none", all `true`) are read by people only.
      if (literal.matches()) {
        assertThat(json.readTree(literal.group(1)))
            .as("default of %s", row.getKey())
            .isEqualTo(defaults.get(row.getKey()));
        checked++;
      }
    }
    assertThat(checked).as("options whose default the table gives as JSON").isGreaterThan(2);
  }

  /** Option name to its Default cell, from the first table under "## Options". */
  private static Map<String, String> optionsTable() throws IOException {
    List<String> lines = Files.readAllLines(API_REFERENCE);
    int section = lines.indexOf("## Options");
    assertThat(section).as("the options section of docs/api.md").isNotNegative();
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : lines.subList(section + 1, lines.size())) {
      if (!rows.isEmpty() && !line.startsWith("|")) {
        break; // the end of the first table
      }
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        rows.put(row.group(1), row.group(2).trim());
      }
    }
    return rows;
  }
}
