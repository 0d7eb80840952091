package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.node.config.SecurityConfig;
import io.docgrid.testkit.SettableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route against every kind of credential: none, malformed, unknown, revoked, expired, the
 * wrong scope, another tenant's job, a valid key and valid or broken OAuth tokens (JWKS served on
 * 127.0.0.1). Each answer is the documented status and code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixTest {

  private static final List<String> PUBLIC_ROUTES =
      List.of(
          "GET /api/v1/health",
          "GET /api/v1/ready",
          "GET /api/v1/openapi.json",
          "GET /api/v1/docs",
          // tus discovery: what the server speaks, nothing of anyone's.
          "OPTIONS /api/v1/uploads");
  private static final List<String> ADMIN_ROUTES =
      List.of(
          "POST /api/v1/keys",
          "GET /api/v1/keys",
          "GET /api/v1/keys/{id}",
          "DELETE /api/v1/keys/{id}",
          "POST /api/v1/keys/{id}/rotate",
          "GET /api/v1/cluster",
          "GET /api/v1/quarantine",
          "DELETE /api/v1/quarantine/{sha256}",
          "POST /api/v1/jobs/{id}/retry",
          "GET /api/v1/cache",
          "DELETE /api/v1/cache",
          "DELETE /api/v1/cache/{sha256}",
          "POST /api/v1/cluster/nodes/{id}/drain",
          "POST /api/v1/database/backup",
          "GET /api/v1/metrics");

  private TestIssuer issuer;
  private final SettableClock clock = new SettableClock();
  private TestNode node;
  private String writerKey;
  private String readerKey;
  private String revokedKey;
  private String expiredKey;
  private String writerJobId;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    issuer = new TestIssuer();
    SecurityConfig defaults = SecurityConfig.defaults();
    SecurityConfig withOAuth =
        new SecurityConfig(
            false,
            issuer.settings(),
            defaults.tiers(),
            List.of(),
            null,
            false,
            defaults.maxRequestHeaderBytes(),
            defaults.usageRetention(),
            defaults.keyCacheTtl());
    node =
        TestNode.start(
            TestNodeConfig.in(temp.resolve("data"))
                .maxUpload(10L << 20)
                .security(withOAuth)
                .build(),
            clock);
    writerKey = createKey("writer", "[\"jobs:read\",\"jobs:write\"]", null);
    readerKey = createKey("reader", "[\"jobs:read\"]", null);
    revokedKey = createKey("revoked", "[\"jobs:read\"]", null);
    String revokedId = json(node.http.as(revokedKey).get("/api/v1/keys/me")).at("/key/id").asText();
    assertThat(node.http.delete("/api/v1/keys/" + revokedId).statusCode()).isEqualTo(200);
    expiredKey = createKey("expiring", "[\"jobs:read\"]", Instant.now().plusSeconds(2));
    HttpResponse<String> submitted =
        node.http.as(writerKey).submit("a.txt", "tenant data".getBytes(), null);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    writerJobId = json(submitted).get("id").asText();
    clock.advance(Duration.ofSeconds(3)); // past the expiring key's expiry, for the node
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void every_route_is_either_public_or_guarded() {
    assertThat(node.routes()).containsAll(PUBLIC_ROUTES).containsAll(ADMIN_ROUTES);
    assertThat(protectedRoutes()).hasSize(node.routes().size() - PUBLIC_ROUTES.size());
  }

  @Test
  void public_routes_need_no_credentials() throws Exception {
    for (String route : PUBLIC_ROUTES) {
      HttpResponse<String> response = call(node.http.anonymous(), route);
      assertThat(response.statusCode()).as(route).isIn(200, 204, 503);
    }
  }

  @Test
  void bad_credentials_get_the_documented_401_on_every_protected_route() throws Exception {
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("no credentials", new String[] {null, "AUTHENTICATION_REQUIRED"});
    cases.put("malformed", new String[] {"not a key at all", "INVALID_CREDENTIALS"});
    cases.put("unknown key", new String[] {unknownKey(), "INVALID_CREDENTIALS"});
    cases.put("revoked key", new String[] {revokedKey, "CREDENTIALS_REVOKED"});
    cases.put("expired key", new String[] {expiredKey, "CREDENTIALS_EXPIRED"});
    cases.put(
        "token with a bad signature",
        new String[] {issuer.tokenSignedByAStranger("mallory", "admin"), "INVALID_CREDENTIALS"});
    cases.put(
        "expired token",
        new String[] {issuer.expiredToken("alice", "admin"), "CREDENTIALS_EXPIRED"});
    cases.put(
        "token for another audience",
        new String[] {issuer.tokenForAnotherAudience("alice", "admin"), "INVALID_CREDENTIALS"});
    for (var entry : cases.entrySet()) {
      String credential = entry.getValue()[0];
      HttpApi caller = credential == null ? node.http.anonymous() : node.http.as(credential);
      for (String route : protectedRoutes()) {
        HttpResponse<String> response = call(caller, route);
        if (route.startsWith("HEAD ")) {
          assertThat(response.statusCode()).as(route).isEqualTo(401); // a HEAD answer has no body
        } else {
          problem(response, 401, entry.getValue()[1]);
        }
        assertThat(response.headers().firstValue("WWW-Authenticate"))
            .as(entry.getKey() + " on " + route)
            .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
      }
    }
  }

  @Test
  void the_x_api_key_header_works_like_bearer() throws Exception {
    HttpResponse<String> viaHeader =
        node.http
            .anonymous()
            .send(node.http.anonymous().request("/api/v1/keys/me").header("X-API-Key", readerKey));
    assertThat(viaHeader.statusCode()).isEqualTo(200);
    HttpResponse<String> conflicting =
        node.http
            .as(readerKey)
            .send(
                node.http.as(readerKey).request("/api/v1/keys/me").header("X-API-Key", writerKey));
    problem(conflicting, 401, "INVALID_CREDENTIALS");
  }

  @Test
  void credentials_without_the_scope_get_403() throws Exception {
    for (String route : ADMIN_ROUTES) {
      problem(call(node.http.as(writerKey), route), 403, "INSUFFICIENT_SCOPE");
      problem(
          call(node.http.as(issuer.token("alice", "jobs:read jobs:write")), route),
          403,
          "INSUFFICIENT_SCOPE");
    }
    problem(call(node.http.as(readerKey), "POST /api/v1/jobs"), 403, "INSUFFICIENT_SCOPE");
    problem(
        call(node.http.as(issuer.token("bob", "")), "GET /api/v1/jobs"), 403, "INSUFFICIENT_SCOPE");
  }

  @Test
  void a_valid_key_and_a_valid_token_get_through() throws Exception {
    for (String credential : List.of(writerKey, issuer.token("alice", "jobs:read jobs:write"))) {
      HttpApi caller = node.http.as(credential);
      assertThat(caller.get("/api/v1/jobs").statusCode()).isEqualTo(200);
      assertThat(caller.get("/api/v1/usage").statusCode()).isEqualTo(200);
      assertThat(caller.get("/api/v1/keys/me").statusCode()).isEqualTo(200);
      HttpResponse<String> accepted = caller.submit("b.txt", "hello".getBytes(), null);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }
    JsonNode me = json(node.http.as(issuer.token("alice", "jobs:read")).get("/api/v1/keys/me"));
    assertThat(me.get("principal").asText()).isEqualTo("oauth:" + TestIssuer.ISSUER + "#alice");
    assertThat(me.get("tier").asText()).isEqualTo("OAUTH");
    assertThat(me.get("scopes")).extracting(JsonNode::asText).containsExactly("jobs:read");
  }

  @Test
  void another_tenants_job_does_not_exist_for_the_caller() throws Exception {
    for (String credential : List.of(readerKey, issuer.token("alice", "jobs:read jobs:write"))) {
      HttpApi other = node.http.as(credential);
      problem(other.get("/api/v1/jobs/" + writerJobId), 404, "NOT_FOUND");
      problem(other.get("/api/v1/jobs/" + writerJobId + "/result"), 404, "NOT_FOUND");
      assertThat(other.get("/api/v1/jobs").body()).doesNotContain(writerJobId);
    }
    assertThat(node.http.as(writerKey).get("/api/v1/jobs/" + writerJobId).statusCode())
        .isEqualTo(200);
    assertThat(node.http.as(writerKey).get("/api/v1/jobs").body()).contains(writerJobId);
    assertThat(node.http.get("/api/v1/jobs/" + writerJobId).statusCode()).isEqualTo(200);
    assertThat(node.http.get("/api/v1/jobs?limit=100").body()).contains(writerJobId);
  }

  @Test
  void the_first_admin_key_file_is_readable_by_its_owner_only() throws Exception {
    Path file = node.dataDir().resolve("admin.key");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(file).strip()).isEqualTo(node.adminKey).startsWith("dg_live_");
  }

  private String createKey(String name, String scopes, Instant expiresAt) throws Exception {
    String body =
        "{\"name\":\""
            + name
            + "\",\"scopes\":"
            + scopes
            + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"")
            + "}";
    HttpResponse<String> created = node.http.postJson("/api/v1/keys", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("key").asText();
  }

  private List<String> protectedRoutes() {
    List<String> routes = new ArrayList<>(node.routes());
    routes.removeAll(PUBLIC_ROUTES);
    return routes;
  }

  private static String unknownKey() {
    return "dg_live_0123456789abcdef_" + "A".repeat(43);
  }

  /**
   * Calls a route given as "METHOD /path/{id}" with a random id (or document hash) and a harmless
   * body.
   */
  private static HttpResponse<String> call(HttpApi api, String route) throws Exception {
    String[] parts = route.split(" ", 2);
    String path =
        parts[1]
            .replace("{id}", UUID.randomUUID().toString())
            .replace("{deliveryId}", UUID.randomUUID().toString())
            .replace("{sha256}", "ab".repeat(32))
            .replace("{page}", "1");
    HttpRequest.Builder request = api.request(path);
    switch (parts[0]) {
      case "GET" -> request.GET();
      case "DELETE" -> request.DELETE();
      case "HEAD", "OPTIONS" -> request.method(parts[0], HttpRequest.BodyPublishers.noBody());
      case "PATCH" -> {
        // A tus chunk for uploads, a JSON merge of fields for every other resource.
        boolean chunk = path.startsWith("/api/v1/uploads");
        request
            .header("Content-Type", chunk ? "application/offset+octet-stream" : "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(chunk ? "x" : "{}"));
      }
      case "POST" ->
          request
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{}"));
      default -> throw new IllegalArgumentException(route);
    }
    return api.send(request);
  }
}
