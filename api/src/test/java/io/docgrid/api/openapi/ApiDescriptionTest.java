package io.docgrid.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.api.ApiRoute;
import io.docgrid.api.auth.Access;
import io.docgrid.api.auth.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiDescriptionTest {

  private final ObjectMapper json = new ObjectMapper();

  private JsonNode completed(List<ApiRoute> routes) throws Exception {
    ObjectNode generated =
        (ObjectNode)
            json.readTree(
                """
                {"paths": {
                  "/api/v1/health": {"get": {"responses": {"200": {"description": "OK"}}}},
                  "/api/v1/keys": {"post": {"responses": {
                    "201": {"description": "Created"},
                    "400": {"description": "Bad Request", "content": {"application/json":
                      {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
                  "/api/v1/usage": {"get": {"responses": {"200": {"description": "OK"}}}}},
                 "components": {"schemas": {"Problem": {"properties": {"code": {"type": "string"}}},
                   "View": {"properties": {"id": {"type": "string"}, "count": {"type": "integer"},
                     "inner": {"$ref": "#/components/schemas/Problem"}}, "required": ["count"]}}}}
                """);
    return new ApiDescription(json).complete(generated, "1.2.3", routes);
  }

  @Test
  void each_operation_takes_its_security_from_the_access_its_route_is_registered_with()
      throws Exception {
    JsonNode spec =
        completed(
            List.of(
                new ApiRoute("GET", "/api/v1/health", Access.PUBLIC),
                new ApiRoute("POST", "/api/v1/keys", Access.requires(Scope.ADMIN)),
                new ApiRoute("GET", "/api/v1/usage", Access.ANY_CALLER)));

    assertThat(spec.at("/components/securitySchemes/bearerAuth/type").asText()).isEqualTo("http");
    assertThat(spec.at("/components/securitySchemes/apiKeyHeader/in").asText()).isEqualTo("header");
    JsonNode health = spec.at("/paths/~1api~1v1~1health/get");
    assertThat(health.get("security").isEmpty()).isTrue();
    assertThat(health.get("responses").fieldNames()).toIterable().containsOnly("200", "431", "500");
    JsonNode createKey = spec.at("/paths/~1api~1v1~1keys/post");
    assertThat(createKey.get("security").toString())
        .isEqualTo("[{\"bearerAuth\":[]},{\"apiKeyHeader\":[]}]");
    assertThat(createKey.get("x-docgrid-scope").asText()).isEqualTo("admin");
    assertThat(createKey.get("responses").fieldNames())
        .toIterable()
        .containsOnly("201", "400", "401", "403", "429", "431", "500", "503");
    assertThat(spec.at("/paths/~1api~1v1~1usage/get/responses").has("403")).isFalse();
    assertThat(spec.at("/paths/~1api~1v1~1usage/get/responses").has("401")).isTrue();
  }

  @Test
  void problems_are_problem_json_with_their_codes_and_every_answer_carries_the_request_id()
      throws Exception {
    JsonNode spec =
        completed(List.of(new ApiRoute("POST", "/api/v1/keys", Access.requires(Scope.ADMIN))));

    JsonNode badRequest = spec.at("/paths/~1api~1v1~1keys/post/responses/400");
    assertThat(badRequest.at("/content").fieldNames())
        .toIterable()
        .containsExactly("application/problem+json");
    assertThat(badRequest.get("description").asText()).contains("VALIDATION_FAILED");
    assertThat(spec.at("/paths/~1api~1v1~1keys/post/responses/429/headers").has("Retry-After"))
        .isTrue();
    assertThat(spec.at("/paths/~1api~1v1~1keys/post/responses/201/headers/X-Request-Id/$ref"))
        .isNotNull();
    assertThat(spec.at("/components/headers/X-Request-Id/required").asBoolean()).isTrue();
    assertThat(spec.at("/components/schemas/Problem/properties/code/enum").toString())
        .contains("\"NOT_FOUND\"", "\"RATE_LIMITED\"");
    assertThat(spec.at("/info/version").asText()).isEqualTo("1.2.3");
  }

  @Test
  void optional_properties_may_be_null_as_jackson_writes_them() throws Exception {
    JsonNode view = completed(List.of()).at("/components/schemas/View/properties");

    assertThat(view.at("/id/nullable").asBoolean()).isTrue();
    assertThat(view.at("/count/nullable").isMissingNode()).isTrue();
    assertThat(view.at("/inner/anyOf/0/$ref").asText()).isEqualTo("#/components/schemas/Problem");
    assertThat(view.at("/inner/anyOf/1/enum/0").isNull()).isTrue();
  }
}
