package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.FreePorts;
import io.docgrid.testkit.PostgresSchema;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two API nodes in one cluster sharing PostgreSQL: a tier's limits hold across both (the buckets
 * live in the grid), and every request, refused ones included, leaves a usage row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenancyAcrossNodesIT {

  private static final int REQUESTS_PER_MINUTE = 6;
  private static final int PAGES_PER_HOUR = 5;
  private static final int CONCURRENT_JOBS = 2;

  private PostgresSchema postgres;
  private TestNode first;
  private TestNode second;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    postgres = PostgresSchema.created();
    TestNodeConfig firstNode =
        TestNodeConfig.in(temp.resolve("a"))
            .blobs(temp.resolve("blobs"))
            .postgres(postgres)
            .maxUpload(10L << 20)
            .cluster(FreePorts.block(5))
            .securityFlags(
                "--tier-limit",
                "STANDARD.requests-per-minute="
                    + REQUESTS_PER_MINUTE
                    + ",STANDARD.pages-per-hour="
                    + PAGES_PER_HOUR
                    + ",STANDARD.concurrent-jobs="
                    + CONCURRENT_JOBS);
    first = firstNode.start();
    second = firstNode.sibling(temp.resolve("b")).start();
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {second, first, postgres}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void the_database_shared_by_both_nodes_got_one_first_admin_key() {
    assertThat(first.adminKey).startsWith("dg_live_");
    assertThat(second.adminKey).isNull();
  }

  @Test
  void a_request_rate_holds_across_both_nodes_with_exactly_one_refusal() throws Exception {
    String key = standardKey("rate");
    List<HttpApi> nodes = List.of(api(first, key), api(second, key));
    List<Integer> statuses = new ArrayList<>();
    List<String> remaining = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i <= REQUESTS_PER_MINUTE; i++) {
      last = nodes.get(i % 2).get("/api/v1/keys/me");
      statuses.add(last.statusCode());
      remaining.add(last.headers().firstValue("X-RateLimit-Remaining").orElse("?"));
      assertThat(last.headers().firstValue("X-RateLimit-Limit")).contains("6");
      assertThat(last.headers().firstValue("RateLimit-Policy")).contains("\"requests\";q=6;w=60");
    }
    assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 429);
    assertThat(remaining).containsExactly("5", "4", "3", "2", "1", "0", "0");
    problem(last, 429, "RATE_LIMITED");
    long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(last.headers().firstValue("RateLimit").orElseThrow())
        .matches("\"requests\";r=0;t=\\d+");
  }

  @Test
  void a_key_revoked_on_one_node_stops_working_on_the_other_at_once() throws Exception {
    HttpResponse<String> created =
        first.http.postJson("/api/v1/keys", "{\"name\":\"revoke-me\",\"tier\":\"STANDARD\"}");
    String key = json(created).get("key").asText();
    String id = json(created).get("id").asText();
    // The second node verifies the key and caches it for --key-cache-ttl (30 s)...
    assertThat(api(second, key).get("/api/v1/keys/me").statusCode()).isEqualTo(200);
    // ...until the revocation on the first node evicts it everywhere.
    assertThat(first.http.delete("/api/v1/keys/" + id).statusCode()).isEqualTo(200);
    HttpResponse<String> refused =
        Eventually.await(
            "the revoked key refused on the second node",
            Duration.ofSeconds(5),
            () -> api(second, key).get("/api/v1/keys/me"),
            response -> response.statusCode() != 200);
    problem(refused, 401, "CREDENTIALS_REVOKED");
    problem(api(first, key).get("/api/v1/keys/me"), 401, "CREDENTIALS_REVOKED");
  }

  @Test
  void too_many_jobs_at_once_are_refused() throws Exception {
    String key = standardKey("concurrency");
    for (int i = 0; i < CONCURRENT_JOBS; i++) {
      HttpResponse<String> accepted =
          api(i % 2 == 0 ? first : second, key).submit("a.txt", ("job " + i).getBytes(), null);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }
    HttpResponse<String> refused = api(second, key).submit("c.txt", "one more".getBytes(), null);
    problem(refused, 429, "CONCURRENCY_LIMIT");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void every_request_leaves_a_usage_row_and_the_usage_route_sums_them() throws Exception {
    String key = standardKey("usage");
    String keyId = json(api(first, key).get("/api/v1/keys/me")).at("/key/id").asText();
    List<String> requestIds = new ArrayList<>();
    requestIds.add(requestId(api(second, key).get("/api/v1/jobs")));
    requestIds.add(requestId(api(first, key).get("/api/v1/jobs/" + java.util.UUID.randomUUID())));
    requestIds.add(requestId(api(second, key).get("/api/v1/jobs?limit=0")));
    requestIds.add(requestId(api(first, key).get("/api/v1/keys")));
    requestIds.add(requestId(api(second, key).submit("u.txt", "usage".getBytes(), null)));
    // 6 requests so far with the "me" above: the next one is refused, and still logged.
    HttpResponse<String> limited = api(first, key).get("/api/v1/keys/me");
    assertThat(limited.statusCode()).isEqualTo(429);
    requestIds.add(requestId(limited));
    String unauthenticated = requestId(first.http.anonymous().get("/api/v1/jobs"));

    awaitUsageRows(requestIds.size() + 2);
    try (Connection connection = connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT principal, status, bytes_in, bytes_out FROM usage_logs WHERE request_id = ?")) {
      for (String id : requestIds) {
        query.setString(1, id);
        try (ResultSet row = query.executeQuery()) {
          assertThat(row.next()).as("usage row of request " + id).isTrue();
          assertThat(row.getString("principal")).isEqualTo("key:" + keyId);
          assertThat(row.getLong("bytes_out")).isPositive();
        }
      }
      query.setString(1, unauthenticated);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("principal")).isEqualTo("unauthenticated");
        assertThat(row.getInt("status")).isEqualTo(401);
      }
    }

    JsonNode usage = json(first.http.get("/api/v1/usage?keyId=" + keyId));
    assertThat(usage.get("principal").asText()).isEqualTo("key:" + keyId);
    assertThat(usage.at("/total/requests").asLong()).isEqualTo(requestIds.size() + 1);
    assertThat(usage.at("/total/bytesIn").asLong()).isGreaterThan("usage".length());
    assertThat(usage.get("days")).hasSize(1);
    // A key that is not admin sees only its own usage.
    problem(
        api(second, standardKey("other")).get("/api/v1/usage?keyId=" + keyId),
        403,
        "INSUFFICIENT_SCOPE");
  }

  /** Flushes both nodes' usage writers until the table holds {@code atLeast} rows. */
  private void awaitUsageRows(int atLeast) throws Exception {
    Eventually.await(
        atLeast + " usage rows",
        Duration.ofSeconds(20),
        () -> {
          first.flushUsage();
          second.flushUsage();
          return usageRows();
        },
        rows -> rows >= atLeast);
  }

  private long usageRows() throws Exception {
    try (Connection connection = connect();
        ResultSet count =
            connection.createStatement().executeQuery("SELECT count(*) FROM usage_logs")) {
      count.next();
      return count.getLong(1);
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
  }

  private String standardKey(String name) throws Exception {
    HttpResponse<String> created =
        first.http.postJson("/api/v1/keys", "{\"name\":\"" + name + "\",\"tier\":\"STANDARD\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("key").asText();
  }

  private static HttpApi api(TestNode node, String key) {
    return node.http.as(key);
  }

  private static String requestId(HttpResponse<String> response) {
    return response.headers().firstValue("X-Request-Id").orElseThrow();
  }
}
