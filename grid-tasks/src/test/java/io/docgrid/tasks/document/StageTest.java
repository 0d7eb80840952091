package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The stage names are part of the result schema: the enum and docs/result-schema.md agree. */
class StageTest {

  private static final Path RESULT_SCHEMA = Path.of("..", "docs", "result-schema.md");

  private static List<String> wireNames() {
    return Arrays.stream(Stage.values()).map(Stage::wireName).toList();
  }

  @Test
  void every_stage_is_documented_under_its_wire_name_in_run_order() throws Exception {
    String schema = Files.readString(RESULT_SCHEMA);
    int start = schema.indexOf("A page's `timingsMillis` has a key for each stage");
    assertThat(start).as("the paragraph on page timings in %s", RESULT_SCHEMA).isNotNegative();
    String paragraph = schema.substring(start, schema.indexOf("\n\n", start));

    List<String> documented = all(Pattern.compile("`(\\w+)`"), paragraph);

    assertThat(documented.subList(1, documented.size())).containsExactlyElementsOf(wireNames());
  }

  @Test
  void the_example_pages_timings_name_stages_in_run_order() throws Exception {
    String schema = Files.readString(RESULT_SCHEMA);
    Matcher example =
        Pattern.compile("\"timingsMillis\": \\{(\"textLayer\"[^}]*)}").matcher(schema);
    assertThat(example.find()).as("a page's timings in the example of %s", RESULT_SCHEMA).isTrue();

    List<String> keys = all(Pattern.compile("\"(\\w+)\":"), example.group(1));

    assertThat(keys).isNotEmpty().isSubsetOf(wireNames());
    assertThat(keys).isSortedAccordingTo((a, b) -> wireNames().indexOf(a) - wireNames().indexOf(b));
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
