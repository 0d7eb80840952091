package io.docgrid.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code options} of a job in canonical form: a JSON object with keys sorted at every level and
 * no insignificant whitespace, so that equal options are equal strings (the future cache key).
 */
final class JobOptions {

  static final String EMPTY = "{}";

  private final ObjectMapper json;

  JobOptions(ObjectMapper json) {
    this.json = json;
  }

  String canonicalise(String offered) {
    if (offered == null || offered.isBlank()) {
      return EMPTY;
    }
    JsonNode parsed;
    try {
      parsed = json.readTree(offered);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "The 'options' part is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ").");
    }
    if (parsed == null || !parsed.isObject()) {
      throw ApiException.invalidField("options", "must be a JSON object");
    }
    try {
      return json.writeValueAsString(sorted(parsed));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always serialises", e);
    }
  }

  private JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      node.fields().forEachRemaining(fields::add);
      fields.sort(Map.Entry.comparingByKey());
      ObjectNode copy = json.createObjectNode();
      fields.forEach(field -> copy.set(field.getKey(), sorted(field.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = json.createArrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }
}
