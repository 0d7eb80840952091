package io.docgrid.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log collector configurations under ops/logging parse, and agree with docs/logging.md on the
 * fields a line carries: no tool is installed here, so what can be checked is their shape.
 */
class CollectorConfigsTest {

  private static final Path LOGGING = Path.of("logging");
  private static final List<String> FIELDS =
      List.of("requestId", "jobId", "tenant", "node", "event");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fluent_bit_parses_docgrid_json_and_ships_to_opensearch_and_loki() throws Exception {
    JsonNode config = YAML.readTree(LOGGING.resolve("fluent-bit/fluent-bit.yaml").toFile());
    assertThat(config.at("/parsers/0/format").asText()).isEqualTo("json");
    assertThat(config.at("/parsers/0/time_key").asText()).isEqualTo("time");
    assertThat(config.at("/pipeline/filters/0/parser").asText())
        .isEqualTo(config.at("/parsers/0/name").asText());
    assertThat(config.at("/pipeline/outputs").findValuesAsText("name"))
        .contains("opensearch", "loki");
    String lokiLabels = config.at("/pipeline/outputs/1/labels").asText();
    assertThat(lokiLabels).as("ids are never Loki labels").doesNotContain("requestId", "jobId");
  }

  @Test
  void promtail_extracts_every_documented_field_and_labels_none_of_the_ids() throws Exception {
    JsonNode stages =
        YAML.readTree(LOGGING.resolve("promtail/promtail.yaml").toFile())
            .at("/scrape_configs/0/pipeline_stages");
    JsonNode extracted = stages.get(0).at("/json/expressions");
    FIELDS.forEach(field -> assertThat(extracted.has(field)).as(field).isTrue());
    JsonNode labels = stages.findValue("labels");
    assertThat(labels.has("requestId") || labels.has("jobId") || labels.has("tenant")).isFalse();
  }

  @Test
  void opensearch_maps_every_documented_field_as_a_keyword() throws Exception {
    JsonNode properties =
        JSON.readTree(LOGGING.resolve("opensearch/docgrid-logs-template.json").toFile())
            .at("/template/mappings/properties");
    FIELDS.forEach(
        field -> assertThat(properties.at("/" + field + "/type").asText()).isEqualTo("keyword"));
    JsonNode retention =
        JSON.readTree(LOGGING.resolve("opensearch/docgrid-logs-retention.json").toFile());
    assertThat(retention.at("/policy/states").findValuesAsText("state_name")).contains("delete");
  }

  @Test
  void logstash_parses_the_json_lines_and_writes_to_opensearch() throws Exception {
    String pipeline = Files.readString(LOGGING.resolve("logstash/docgrid.conf"));
    assertThat(pipeline).contains("json {", "opensearch {", "match => [\"time\", \"ISO8601\"]");
    long opened = pipeline.chars().filter(c -> c == '{').count();
    long closed = pipeline.chars().filter(c -> c == '}').count();
    assertThat(opened).as("balanced braces").isEqualTo(closed);
  }
}
