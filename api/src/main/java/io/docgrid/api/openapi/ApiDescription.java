package io.docgrid.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.api.ApiRoute;
import io.docgrid.api.auth.Access;
import io.docgrid.api.auth.Credentials;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestIds;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Completes the description the annotation processor wrote with what the annotations cannot know:
 * the version, the two ways to send a credential, each operation's security from the {@link Access}
 * its route is registered with, and the answers the route guard, Jetty and the error handler give
 * on every route (401, 403, 429, 503 where a credential is checked; 400 for a malformed path id;
 * 431, 500), so that no route table is kept twice.
 */
final class ApiDescription {

  static final String BEARER_SCHEME = "bearerAuth";
  static final String API_KEY_SCHEME = "apiKeyHeader";
  private static final String PROBLEM = "#/components/schemas/Problem";

  /** The descriptions the processor writes when an annotation gives none. */
  private static final Set<String> REASON_PHRASES =
      Arrays.stream(HttpStatus.values()).map(HttpStatus::getMessage).collect(Collectors.toSet());

  private final ObjectMapper json;

  ApiDescription(ObjectMapper json) {
    this.json = json;
  }

  /** The generated description {@code root}, completed in place. */
  ObjectNode complete(ObjectNode root, String version, List<ApiRoute> routes) {
    describeInfo(root.putObject("info"), version);
    ObjectNode components = root.with("components");
    SchemasAsWritten asWritten = new SchemasAsWritten(json);
    asWritten.correct(components.with("schemas"));
    describeSchemes(components.putObject("securitySchemes"));
    components
        .with("headers")
        .set(RequestIds.HEADER, header("The request's id, also the problem's requestId", true));
    JsonNode paths = root.path("paths");
    asWritten.readJsonExamples(paths);
    for (ApiRoute route : routes) {
      JsonNode operation = paths.path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
      if (operation instanceof ObjectNode described) {
        secure(described, route.access());
        answerOnEveryRoute(described, route.access());
        if (route.method().equals("HEAD")) {
          // A HEAD answer has the headers of a GET and never a body (RFC 9110, 9.3.2).
          described
              .path("responses")
              .forEach(response -> ((ObjectNode) response).remove("content"));
        }
      }
    }
    return root;
  }

  private static void describeInfo(ObjectNode info, String version) {
    info.put("title", "DocGrid API");
    info.put("version", version);
    info.put(
        "description",
        "Upload documents and get their text page by page. Errors are RFC 9457 problem"
            + " documents with a stable `code` and the `requestId`. Authenticate with an API key"
            + " (`dg_live_…`) or an OAuth access token, as `Authorization: Bearer <credential>` or"
            + " `X-API-Key: <key>`.");
  }

  private static void describeSchemes(ObjectNode schemes) {
    ObjectNode bearer = schemes.putObject(BEARER_SCHEME);
    bearer.put("type", "http");
    bearer.put("scheme", "bearer");
    bearer.put("bearerFormat", "API key (dg_live_…) or OAuth access token (JWT)");
    bearer.put(
        "description",
        "`Authorization: Bearer <credential>`: an API key, or an access token from the"
            + " configured OAuth issuer.");
    ObjectNode apiKey = schemes.putObject(API_KEY_SCHEME);
    apiKey.put("type", "apiKey");
    apiKey.put("in", "header");
    apiKey.put("name", Credentials.API_KEY_HEADER);
    apiKey.put(
        "description",
        "`X-API-Key: <key>`: the same key as a header of its own. Sent with a bearer"
            + " credential, the two must be the same.");
  }

  private void secure(ObjectNode operation, Access access) {
    ArrayNode security = operation.putArray("security");
    if (!access.authenticated()) {
      return;
    }
    security.addObject().putArray(BEARER_SCHEME);
    security.addObject().putArray(API_KEY_SCHEME);
    if (access.scope() != null) {
      String scope = access.scope().wireName();
      operation.put("x-docgrid-scope", scope);
      String needs = "Needs the `" + scope + "` scope.";
      String description = operation.path("description").asText("");
      operation.put("description", description.isEmpty() ? needs : description + "\n\n" + needs);
    }
  }

  private void answerOnEveryRoute(ObjectNode operation, Access access) {
    ObjectNode responses = operation.with("responses");
    if (access.authenticated()) {
      problem(responses, 401)
          .with("headers")
          .set("WWW-Authenticate", header("Bearer realm=\"docgrid\", and why", false));
      // Checking the credential reads the database, which may be out of reach.
      problem(responses, 503);
      ObjectNode limited = problem(responses, 429);
      limited.with("headers").set("Retry-After", header("Seconds to wait", true));
      if (access.scope() != null) {
        problem(responses, 403);
      }
    }
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("in").asText().equals("path")) {
        // Path ids are checked (a UUID, a SHA-256) before anything is looked up.
        problem(responses, 400);
      }
    }
    // Jetty refuses headers over --api-max-request-header-bytes before any route runs.
    problem(responses, 431);
    problem(responses, 500);
    responses
        .fields()
        .forEachRemaining(
            entry -> {
              ObjectNode response = (ObjectNode) entry.getValue();
              answerProblemsAsProblemJson(response);
              if (response.path("content").has(Problem.MEDIA_TYPE)
                  && REASON_PHRASES.contains(response.path("description").asText())) {
                response.put("description", codes(Integer.parseInt(entry.getKey())));
              }
              response
                  .with("headers")
                  .putObject(RequestIds.HEADER)
                  .put("$ref", "#/components/headers/" + RequestIds.HEADER);
            });
  }

  /** An annotation names the Problem class; the server sends it as application/problem+json. */
  private static void answerProblemsAsProblemJson(ObjectNode response) {
    if (response.path("content") instanceof ObjectNode content
        && content
            .path("application/json")
            .path("schema")
            .path("$ref")
            .asText()
            .endsWith(PROBLEM)) {
      content.set(Problem.MEDIA_TYPE, content.remove("application/json"));
    }
  }

  /** The problem response for {@code status}, added if the annotations did not declare it. */
  private ObjectNode problem(ObjectNode responses, int status) {
    String key = Integer.toString(status);
    if (!responses.has(key)) {
      ObjectNode response = responses.putObject(key);
      response.put("description", codes(status));
      response
          .putObject("content")
          .putObject(Problem.MEDIA_TYPE)
          .putObject("schema")
          .put("$ref", PROBLEM);
    }
    return (ObjectNode) responses.get(key);
  }

  /** "Codes: A, B": the error codes a response of {@code status} can carry. */
  private static String codes(int status) {
    return "Codes: "
        + Arrays.stream(ErrorCode.values())
            .filter(code -> code.status() == status)
            .map(ErrorCode::name)
            .collect(Collectors.joining(", "));
  }

  private ObjectNode header(String description, boolean required) {
    ObjectNode header = json.createObjectNode();
    header.put("description", description);
    header.put("required", required);
    header.putObject("schema").put("type", "string");
    return header;
  }
}
