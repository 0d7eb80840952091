package io.docgrid.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Postman v2.1 collection made from the API's OpenAPI description: a folder per tag, a request
 * per operation with its path variables, query parameters and an example body, the bearer
 * credential from {@code {{apiKey}}} and the server from {@code {{baseUrl}}}; and the environment
 * that holds both. Deterministic, so the committed files can be compared with a fresh generation.
 */
final class PostmanCollection {

  static final String SCHEMA =
      "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
  static final String DEFAULT_BASE_URL = "http://localhost:8080";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_EXAMPLE_DEPTH = 6;

  private final JsonNode spec;

  PostmanCollection(JsonNode spec) {
    this.spec = spec;
  }

  ObjectNode collection() {
    ObjectNode collection = NODES.objectNode();
    ObjectNode info = collection.putObject("info");
    info.put("name", spec.at("/info/title").asText("DocGrid API"));
    info.put("description", spec.at("/info/description").asText(""));
    info.put("schema", SCHEMA);
    collection.set("auth", bearer());
    ArrayNode variables = collection.putArray("variable");
    variables.addObject().put("key", "baseUrl").put("value", DEFAULT_BASE_URL);
    Map<String, ArrayNode> folders = new TreeMap<>();
    spec.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          String tag = operation.getValue().path("tags").path(0).asText("other");
                          folders
                              .computeIfAbsent(tag, name -> NODES.arrayNode())
                              .add(
                                  request(path.getKey(), operation.getKey(), operation.getValue()));
                        }));
    ArrayNode items = collection.putArray("item");
    folders.forEach((tag, requests) -> items.addObject().put("name", tag).set("item", requests));
    return collection;
  }

  static ObjectNode environment() {
    ObjectNode environment = NODES.objectNode();
    environment.put("name", "DocGrid");
    ArrayNode values = environment.putArray("values");
    values
        .addObject()
        .put("key", "baseUrl")
        .put("value", DEFAULT_BASE_URL)
        .put("type", "default")
        .put("enabled", true);
    values
        .addObject()
        .put("key", "apiKey")
        .put("value", "")
        .put("type", "secret")
        .put("enabled", true);
    environment.put("_postman_variable_scope", "environment");
    return environment;
  }

  private ObjectNode request(String path, String method, JsonNode operation) {
    ObjectNode item = NODES.objectNode();
    item.put("name", operation.path("summary").asText(operation.path("operationId").asText()));
    ObjectNode request = item.putObject("request");
    request.put("method", method.toUpperCase(java.util.Locale.ROOT));
    if (operation.has("security") && operation.get("security").isEmpty()) {
      request.putObject("auth").put("type", "noauth");
    }
    ArrayNode headers = request.putArray("header");
    ObjectNode url = request.putObject("url");
    String postmanPath = path.replaceAll("\\{([^}]+)}", ":$1");
    url.put("raw", "{{baseUrl}}" + postmanPath);
    url.putArray("host").add("{{baseUrl}}");
    ArrayNode segments = url.putArray("path");
    for (String segment : postmanPath.substring(1).split("/")) {
      segments.add(segment);
    }
    ArrayNode query = NODES.arrayNode();
    ArrayNode variables = NODES.arrayNode();
    for (JsonNode parameter : operation.path("parameters")) {
      String name = parameter.path("name").asText();
      ObjectNode entry = NODES.objectNode().put("key", name);
      entry.put("value", parameter.path("example").asText(""));
      entry.put("description", parameter.path("description").asText(""));
      switch (parameter.path("in").asText()) {
        case "path" -> variables.add(entry);
        case "query" -> query.add(entry.put("disabled", true));
        case "header" -> headers.add(entry.put("disabled", true));
        default -> {}
      }
    }
    if (!query.isEmpty()) {
      url.set("query", query);
    }
    if (!variables.isEmpty()) {
      url.set("variable", variables);
    }
    body(operation.path("requestBody").path("content"), headers, request);
    request.put("description", operation.path("description").asText(""));
    return item;
  }

  /** The example body: a form where a multipart upload is possible, else the first type's. */
  private void body(JsonNode content, ArrayNode headers, ObjectNode request) {
    Iterator<Map.Entry<String, JsonNode>> types = content.fields();
    if (!types.hasNext()) {
      return;
    }
    Map.Entry<String, JsonNode> first = types.next();
    ObjectNode body = request.putObject("body");
    JsonNode multipart = content.path("multipart/form-data");
    if (!multipart.isMissingNode()) {
      body.put("mode", "formdata");
      ArrayNode form = body.putArray("formdata");
      resolve(multipart.path("schema"))
          .path("properties")
          .fields()
          .forEachRemaining(
              field -> {
                ObjectNode part = form.addObject().put("key", field.getKey());
                if ("binary".equals(field.getValue().path("format").asText())) {
                  part.put("type", "file").put("src", "");
                } else {
                  part.put("type", "text").put("value", "");
                }
              });
      return;
    }
    JsonNode schema = resolve(first.getValue().path("schema"));
    JsonNode example = first.getValue().path("example");
    body.put("mode", "raw");
    body.put("raw", prettyJson(example.isMissingNode() ? exampleOf(schema, 0) : example));
    body.putObject("options").putObject("raw").put("language", "json");
    headers
        .addObject()
        .put("key", "Content-Type")
        .put("value", first.getKey())
        .put("description", "");
  }

  /** A value that fits {@code schema}, from its examples where it has them. */
  private JsonNode exampleOf(JsonNode schema, int depth) {
    schema = resolve(schema);
    if (schema.has("example")) {
      return schema.get("example");
    }
    if (schema.has("anyOf")) {
      return exampleOf(schema.path("anyOf").path(0), depth);
    }
    if (schema.has("enum")) {
      return schema.path("enum").path(0);
    }
    if (depth > MAX_EXAMPLE_DEPTH) {
      return NODES.nullNode();
    }
    switch (schema.path("type").asText("object")) {
      case "object":
        ObjectNode object = NODES.objectNode();
        schema
            .path("properties")
            .fields()
            .forEachRemaining(
                property ->
                    object.set(property.getKey(), exampleOf(property.getValue(), depth + 1)));
        return object;
      case "array":
        return NODES.arrayNode().add(exampleOf(schema.path("items"), depth + 1));
      case "integer":
      case "number":
        return NODES.numberNode(0);
      case "boolean":
        return NODES.booleanNode(false);
      default:
        return NODES.textNode("");
    }
  }

  private JsonNode resolve(JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    return ref.startsWith("#/") ? spec.at(ref.substring(1)) : schema;
  }

  private static ObjectNode bearer() {
    ObjectNode auth = NODES.objectNode();
    auth.put("type", "bearer");
    auth.putArray("bearer")
        .addObject()
        .put("key", "token")
        .put("value", "{{apiKey}}")
        .put("type", "string");
    return auth;
  }

  private static String prettyJson(JsonNode value) {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
