package io.docgrid.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.api.error.ErrorCode;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The generated schemas and examples, corrected to what the server writes where the annotation
 * processor reads Java types one way and Jackson writes them another; and the problem's {@code
 * code} limited to the {@link ErrorCode}s.
 */
final class SchemasAsWritten {

  private final ObjectMapper json;

  SchemasAsWritten(ObjectMapper json) {
    this.json = json;
  }

  /** Corrects the generated component {@code schemas} in place. */
  void correct(ObjectNode schemas) {
    ArrayNode codes = schemas.with("Problem").with("properties").with("code").putArray("enum");
    Arrays.stream(ErrorCode.values()).map(ErrorCode::name).forEach(codes::add);
    // The processor describes Jackson's JsonNode by its getters; on the wire it is any JSON value.
    schemas.remove("JsonNodeType");
    schemas.putObject("JsonNode").put("description", "Any JSON value");
    schemas.forEach(this::allowNullWhereOptional);
  }

  /**
   * Jackson writes an absent value as null, and the processor marks required only the properties
   * that cannot be null (primitives, {@code @OpenApiRequired}): every other one may be null.
   */
  private void allowNullWhereOptional(JsonNode schema) {
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    if (!(schema.get("properties") instanceof ObjectNode properties)) {
      return;
    }
    properties
        .fields()
        .forEachRemaining(
            property -> {
              if (required.contains(property.getKey())) {
                return;
              }
              ObjectNode value = (ObjectNode) property.getValue();
              if (value.has("$ref")) {
                // A sibling of $ref is ignored (OpenAPI 3.0): the referenced object, or null.
                ObjectNode either = json.createObjectNode();
                ArrayNode anyOf = either.putArray("anyOf");
                anyOf.addObject().set("$ref", value.get("$ref"));
                ObjectNode onlyNull = anyOf.addObject();
                onlyNull.put("nullable", true);
                onlyNull.putArray("enum").addNull();
                property.setValue(either);
              } else {
                value.put("nullable", true);
              }
            });
  }

  /** The processor writes a JSON example as a string; a client wants the JSON itself. */
  void readJsonExamples(JsonNode paths) {
    paths.findParents("example").forEach(this::readJsonExample);
  }

  private void readJsonExample(JsonNode holder) {
    JsonNode example = holder.get("example");
    String text = example.asText();
    if (example.isTextual() && (text.startsWith("{") || text.startsWith("["))) {
      try {
        ((ObjectNode) holder).set("example", json.readTree(text));
      } catch (IOException e) {
        throw new IllegalStateException("an example in the annotations is not JSON: " + text, e);
      }
    }
  }
}
