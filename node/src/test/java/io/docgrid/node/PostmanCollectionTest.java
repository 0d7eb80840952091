package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Postman collection is the one generated from the description a node serves now.
 * Regenerate with {@code -Dpostman.regenerate=true} (see clients/postman/README.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostmanCollectionTest {

  private static final Path POSTMAN = Path.of("..", "clients", "postman");
  private static final Path COLLECTION = POSTMAN.resolve("docgrid.postman_collection.json");
  private static final Path ENVIRONMENT = POSTMAN.resolve("docgrid.postman_environment.json");

  private final ObjectMapper mapper = new ObjectMapper();
  private TestNode node;
  private JsonNode spec;

  @BeforeAll
  void startNode(@TempDir Path dataDir) throws Exception {
    node = TestNodeConfig.in(dataDir).compute(false).start();
    spec = json(node.http.get("/api/v1/openapi.json"));
  }

  @AfterAll
  void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void the_committed_collection_and_environment_are_generated_from_the_current_description()
      throws Exception {
    String collection = pretty(new PostmanCollection(spec).collection());
    String environment = pretty(PostmanCollection.environment());
    if (Boolean.getBoolean("postman.regenerate")) {
      Files.writeString(COLLECTION, collection);
      Files.writeString(ENVIRONMENT, environment);
    }
    assertThat(Files.readString(COLLECTION))
        .as("%s is stale: regenerate it (clients/postman/README.md)", COLLECTION)
        .isEqualTo(collection);
    assertThat(Files.readString(ENVIRONMENT)).isEqualTo(environment);
  }

  @Test
  void every_operation_of_the_description_is_a_request_of_the_collection() throws Exception {
    JsonNode collection = new PostmanCollection(spec).collection();
    List<String> requests = new ArrayList<>();
    for (JsonNode folder : collection.path("item")) {
      for (JsonNode item : folder.path("item")) {
        JsonNode request = item.path("request");
        requests.add(request.path("method").asText() + " " + request.at("/url/raw").asText());
      }
    }
    List<String> operations = new ArrayList<>();
    spec.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            operations.add(
                                method.toUpperCase(Locale.ROOT)
                                    + " {{baseUrl}}"
                                    + path.getKey().replaceAll("\\{([^}]+)}", ":$1"))));
    assertThat(operations).isNotEmpty();
    assertThat(requests).containsExactlyInAnyOrderElementsOf(operations);
    assertThat(collection.at("/auth/bearer/0/value").asText()).isEqualTo("{{apiKey}}");
  }

  private String pretty(JsonNode value) throws Exception {
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
  }
}
