package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.PostgresSchema;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL injection and oversized input in every string the API takes — path ids, query parameters, key
 * fields, upload names and options, headers — on PostgreSQL: each is refused or stored as plain
 * data, nothing breaks, and no response ever shows a key's secret or its hash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileParametersTest {

  private static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "'; DROP TABLE jobs; --",
          "1) UNION SELECT secret_sha256 FROM api_keys --",
          "\\'; DELETE FROM api_keys; --",
          "%00' OR 1=1 --",
          "x".repeat(5_000));

  private PostgresSchema postgres;
  private TestNode node;
  private String userKey;
  private String userKeyId;
  private final List<HttpResponse<String>> responses = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    postgres = PostgresSchema.created();
    node = TestNodeConfig.in(temp.resolve("data")).postgres(postgres).maxUpload(10L << 20).start();
    HttpResponse<String> created =
        node.http.postJson("/api/v1/keys", "{\"name\":\"tenant\",\"tier\":\"ENTERPRISE\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    userKey = json(created).get("key").asText();
    userKeyId = json(created).get("id").asText();
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void injections_in_paths_and_query_parameters_are_refused() throws Exception {
    for (String attack : INJECTIONS) {
      String encoded = URLEncoder.encode(attack, StandardCharsets.UTF_8).replace("+", "%20");
      for (String path :
          List.of(
              "/api/v1/jobs/" + encoded,
              "/api/v1/jobs/" + encoded + "/result",
              "/api/v1/keys/" + encoded,
              "/api/v1/jobs?limit=" + encoded,
              "/api/v1/jobs?cursor=" + encoded,
              "/api/v1/jobs/" + UUID.randomUUID() + "/result?format=" + encoded,
              "/api/v1/usage?from=" + encoded,
              "/api/v1/usage?to=" + encoded,
              "/api/v1/usage?keyId=" + encoded)) {
        HttpResponse<String> response = record(node.http.get(path));
        assertThat(response.statusCode()).as(path).isIn(400, 404);
      }
      record(problem(node.http.delete("/api/v1/keys/" + encoded), 400, "VALIDATION_FAILED"));
    }
    assertDatabaseIntact();
  }

  @Test
  void injections_in_key_fields_are_refused_by_validation() throws Exception {
    for (String attack : INJECTIONS) {
      String quoted = jsonString(attack);
      for (String body :
          List.of(
              "{\"name\":" + quoted + "}",
              "{\"name\":\"n\",\"owner\":" + quoted + "}",
              "{\"name\":\"n\",\"tier\":" + quoted + "}",
              "{\"name\":\"n\",\"scopes\":[" + quoted + "]}",
              "{\"name\":\"n\",\"expiresAt\":" + quoted + "}",
              "{" + quoted + ":\"n\"}")) {
        HttpResponse<String> response = record(node.http.postJson("/api/v1/keys", body));
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json(response).get("code").asText())
            .isIn("VALIDATION_FAILED", "INVALID_REQUEST");
      }
    }
    HttpResponse<String> listing = record(node.http.get("/api/v1/keys"));
    assertThat(json(listing).get("keys")).hasSize(2);
    assertDatabaseIntact();
  }

  @Test
  void every_violated_rule_is_listed_by_field() throws Exception {
    HttpResponse<String> response =
        record(
            node.http.postJson(
                "/api/v1/keys",
                "{\"name\":\"\",\"tier\":\"GOLD\",\"scopes\":[\"root\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}"));
    var problem = problem(response, 400, "VALIDATION_FAILED");
    assertThat(problem.get("errors"))
        .extracting(error -> error.get("field").asText())
        .contains("name", "tier", "scopes[0]", "expiresAt");
  }

  @Test
  void injections_in_upload_names_and_options_are_data_or_refused() throws Exception {
    HttpApi tenant = node.http.as(userKey);
    for (String attack : INJECTIONS) {
      String fileName = attack.length() > 200 ? attack.substring(0, 200) : attack;
      HttpResponse<String> accepted =
          record(tenant.submit(fileName + ".txt", "text".getBytes(), null));
      assertThat(accepted.statusCode()).as(accepted.body()).isIn(202, 400);
      if (accepted.statusCode() == 202) {
        String id = json(accepted).get("id").asText();
        assertThat(json(record(tenant.get("/api/v1/jobs/" + id))).at("/document/fileName").asText())
            .doesNotContain("/");
      }
      for (String options :
          List.of(
              "{\"lang\":" + jsonString(attack) + "}",
              "{\"pages\":" + jsonString(attack) + "}",
              "{\"password\":" + jsonString(attack) + ",\"ocr\":\"never\"}")) {
        HttpResponse<String> response = record(tenant.submit("a.txt", "text".getBytes(), options));
        assertThat(response.statusCode()).as(options).isIn(202, 400);
      }
    }
    assertDatabaseIntact();
  }

  @Test
  void oversized_and_injected_headers_are_refused_with_problem_json() throws Exception {
    for (String header : List.of("X-Request-Id", "Authorization", "X-API-Key", "X-Anything")) {
      HttpResponse<String> response =
          record(
              node.http.send(
                  node.http
                      .anonymous()
                      .request("/api/v1/jobs")
                      .header(header, "a".repeat(20_000))));
      assertThat(response.statusCode()).as(header).isEqualTo(431);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/problem+json");
      assertThat(json(response).get("code").asText()).isEqualTo("REQUEST_HEADERS_TOO_LARGE");
    }
    for (String attack : INJECTIONS) {
      String printable = attack.replace("%00", "");
      HttpRequest.Builder request = node.http.anonymous().request("/api/v1/jobs");
      record(
          problem(
              node.http.send(request.header("X-API-Key", printable)), 401, "INVALID_CREDENTIALS"));
      HttpResponse<String> echoed =
          record(
              node.http.send(node.http.request("/api/v1/jobs").header("X-Request-Id", printable)));
      assertThat(echoed.statusCode()).isEqualTo(200);
      assertThat(echoed.headers().firstValue("X-Request-Id").orElseThrow()).isNotEqualTo(printable);
    }
    assertDatabaseIntact();
  }

  @Test
  void no_response_shows_a_secret_or_its_hash() throws Exception {
    record(node.http.get("/api/v1/keys"));
    record(node.http.get("/api/v1/keys/" + userKeyId));
    record(node.http.as(userKey).get("/api/v1/keys/me"));
    record(node.http.get("/api/v1/keys/me"));
    record(node.http.get("/api/v1/usage"));
    record(node.http.get("/api/v1/metrics"));
    for (String secret : List.of(node.adminKey, userKey)) {
      // dg_live_ + 16 hex characters of prefix + "_"; the secret itself may contain '_'.
      String secretPart = secret.substring("dg_live_".length() + 17);
      String hash = sha256(secretPart);
      for (HttpResponse<String> response : responses) {
        String everything = response.headers().map() + response.body();
        assertThat(everything).doesNotContain(secretPart, hash, hash.toUpperCase());
      }
    }
  }

  private void assertDatabaseIntact() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
        ResultSet keys =
            connection.createStatement().executeQuery("SELECT count(*) FROM api_keys")) {
      keys.next();
      assertThat(keys.getLong(1)).isEqualTo(2);
      connection.createStatement().executeQuery("SELECT count(*) FROM jobs").close();
      connection.createStatement().executeQuery("SELECT count(*) FROM usage_logs").close();
    }
    assertThat(node.http.get("/api/v1/keys/me").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> record(HttpResponse<String> response) {
    responses.add(response);
    return response;
  }

  private com.fasterxml.jackson.databind.JsonNode record(
      com.fasterxml.jackson.databind.JsonNode problem) {
    return problem;
  }

  private static String jsonString(String text) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
  }
}
