package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.Eventually;
import io.docgrid.testkit.TestPages;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache on one real node: a repeated document is answered at once from the cache, other
 * options miss, identical jobs in flight are computed once, and admins can see and purge it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultCacheTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private TestNode node;
  private HttpApi tenant;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    node = TestNodeConfig.in(temp.resolve("data")).compute(true).maxUpload(100L << 20).start();
    tenant = node.http.withNewKey("tenant", "STANDARD");
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void the_same_document_twice_is_answered_from_the_cache_as_a_job_of_its_own() throws Exception {
    byte[] document = uniqueText();
    HttpResponse<String> first = node.http.submit("a.txt", document, null);
    assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(json(first).get("cacheHit").asBoolean()).isFalse();
    String firstId = json(first).get("id").asText();
    assertThat(node.http.awaitFinished(firstId, TIMEOUT).get("status").asText())
        .isEqualTo("succeeded");

    HttpResponse<String> second = node.http.submit("b.txt", document, null);

    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
    JsonNode accepted = json(second);
    assertThat(accepted.get("status").asText()).isEqualTo("succeeded");
    assertThat(accepted.get("cacheHit").asBoolean()).isTrue();
    String secondId = accepted.get("id").asText();
    assertThat(secondId).isNotEqualTo(firstId);
    JsonNode job = json(node.http.get("/api/v1/jobs/" + secondId));
    assertThat(job.get("cacheHit").asBoolean()).isTrue();
    assertThat(job.get("attempts").asInt()).isZero();
    assertThat(job.at("/document/fileName").asText()).isEqualTo("b.txt");
    assertThat(job.at("/pages/done").asInt()).isEqualTo(1);
    assertThat(json(node.http.get("/api/v1/jobs/" + firstId)).get("cacheHit").asBoolean())
        .isFalse();

    JsonNode computed = json(node.http.get("/api/v1/jobs/" + firstId + "/result"));
    JsonNode reused = json(node.http.get("/api/v1/jobs/" + secondId + "/result"));
    assertThat(reused.get("pages")).isEqualTo(computed.get("pages"));
    assertThat(reused.at("/document/sha256")).isEqualTo(computed.at("/document/sha256"));
    // Each job's own timings: the reused one took no time to speak of.
    assertThat(reused.at("/manifest/timingsMillis/total").asLong())
        .isLessThanOrEqualTo(computed.at("/manifest/timingsMillis/total").asLong());
  }

  @Test
  void other_options_are_another_result() throws Exception {
    byte[] document = uniqueText();
    awaitSucceeded(node.http.submit("a.txt", document, null));

    HttpResponse<String> other = node.http.submit("a.txt", document, "{\"ocr\":\"off\"}");

    assertThat(other.headers().firstValue("X-Cache")).contains("MISS");
    JsonNode finished = awaitSucceeded(other);
    assertThat(finished.get("cacheHit").asBoolean()).isFalse();
    assertThat(finished.get("attempts").asInt()).isEqualTo(1);
    assertThat(
            node.http
                .submit("a.txt", document, "{\"ocr\":\"off\"}")
                .headers()
                .firstValue("X-Cache"))
        .contains("HIT");
  }

  @Test
  void a_purged_document_is_computed_again_and_only_admins_may_purge() throws Exception {
    byte[] document = uniqueText();
    JsonNode computed = awaitSucceeded(node.http.submit("a.txt", document, null));
    awaitSucceeded(node.http.submit("a.txt", document, "{\"ocr\":\"off\"}"));
    String sha256 = computed.at("/document/sha256").asText();

    problem(tenant.delete("/api/v1/cache/" + sha256), 403, "INSUFFICIENT_SCOPE");
    JsonNode invalid =
        problem(node.http.delete("/api/v1/cache/not-a-hash"), 400, "VALIDATION_FAILED");
    assertThat(invalid.at("/errors/0/field").asText()).isEqualTo("sha256");
    HttpResponse<String> purged = node.http.delete("/api/v1/cache/" + sha256.toUpperCase());

    assertThat(purged.statusCode()).as(purged.body()).isEqualTo(200);
    assertThat(json(purged).get("removed").asLong()).isEqualTo(2);
    assertThat(json(purged).get("sha256").asText()).isEqualTo(sha256);
    HttpResponse<String> again = node.http.submit("a.txt", document, null);
    assertThat(again.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(awaitSucceeded(again).get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void stats_and_metrics_count_entries_bytes_hits_and_misses() throws Exception {
    byte[] document = uniqueText();
    awaitSucceeded(node.http.submit("a.txt", document, null));
    awaitSucceeded(node.http.submit("a.txt", document, null));

    HttpResponse<String> response = node.http.get("/api/v1/cache");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode stats = json(response);
    assertThat(stats.get("enabled").asBoolean()).isTrue();
    assertThat(stats.get("ttlSeconds").asLong()).isEqualTo(Duration.ofDays(7).toSeconds());
    assertThat(stats.get("entries").asLong()).isPositive();
    assertThat(stats.get("bytes").asLong()).isPositive();
    assertThat(stats.get("hits").asLong()).isPositive();
    assertThat(stats.get("misses").asLong()).isPositive();
    assertThat(stats.get("hitRate").asDouble()).isBetween(0.0, 1.0);
    assertThat(stats.at("/nearCache/maxBytes").asLong()).isEqualTo(4L << 20);
    assertThat(stats.at("/nearCache/entries").asLong()).isPositive();
    problem(tenant.get("/api/v1/cache"), 403, "INSUFFICIENT_SCOPE");
    String metrics = node.http.get("/api/v1/metrics").body();
    assertThat(metrics)
        .contains(
            "docgrid_result_cache_hits_total",
            "docgrid_result_cache_misses_total",
            "docgrid_result_cache_entries",
            "docgrid_result_cache_bytes",
            "docgrid_result_cache_hit_ratio");
  }

  @Test
  void identical_jobs_in_flight_are_computed_once_and_each_tenant_sees_its_own() throws Exception {
    Random random = new Random();
    byte[] scan =
        TestPages.scannedPdf(
            List.of(
                TestPages.scan(0, 10, random),
                TestPages.scan(1, 10, random),
                TestPages.scan(-1, 10, random),
                TestPages.scan(0, 10, random)));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> ids = new ArrayList<>();
    try {
      List<Callable<HttpResponse<String>>> racers =
          List.of(
              () -> node.http.submit("scan.pdf", scan, null),
              () -> tenant.submit("scan.pdf", scan, null));
      for (Future<HttpResponse<String>> response : pool.invokeAll(racers)) {
        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
        ids.add(json(response.get()).get("id").asText());
      }
    } finally {
      pool.shutdown();
    }
    // A third identical job joins too, and leaves without stopping the others.
    String cancelled = json(node.http.submit("scan.pdf", scan, null)).get("id").asText();
    assertThat(json(node.http.delete("/api/v1/jobs/" + cancelled)).get("status").asText())
        .isIn("cancelled", "succeeded");

    JsonNode mine = node.http.awaitFinished(ids.get(0), TIMEOUT);
    JsonNode theirs = tenant.awaitFinished(ids.get(1), TIMEOUT);

    assertThat(mine.get("status").asText()).isEqualTo("succeeded");
    assertThat(theirs.get("status").asText()).isEqualTo("succeeded");
    assertThat(List.of(mine.get("attempts").asInt(), theirs.get("attempts").asInt()))
        .as("grid computations")
        .containsExactlyInAnyOrder(0, 1);
    assertThat(List.of(mine.get("cacheHit").asBoolean(), theirs.get("cacheHit").asBoolean()))
        .containsExactlyInAnyOrder(true, false);
    assertThat(json(tenant.get("/api/v1/jobs/" + ids.get(1) + "/result")).get("pages"))
        .isEqualTo(json(node.http.get("/api/v1/jobs/" + ids.get(0) + "/result")).get("pages"));
    problem(tenant.get("/api/v1/jobs/" + ids.get(0)), 404, "NOT_FOUND");
    JsonNode tenantJobs = json(tenant.get("/api/v1/jobs")).get("items");
    assertThat(tenantJobs.size()).isEqualTo(1);
    assertThat(tenantJobs.get(0).get("id").asText()).isEqualTo(ids.get(1));
  }

  @Test
  void jobs_waiting_for_a_cancelled_job_are_computed_on_their_own() throws Exception {
    Random random = new Random();
    byte[] scan =
        TestPages.scannedPdf(List.of(TestPages.scan(0, 10, random), TestPages.scan(2, 10, random)));
    String leader = json(node.http.submit("scan.pdf", scan, null)).get("id").asText();
    HttpResponse<String> waiting = tenant.submit("scan.pdf", scan, null);
    assertThat(waiting.headers().firstValue("X-Cache")).contains("MISS");

    assertThat(json(node.http.delete("/api/v1/jobs/" + leader)).get("status").asText())
        .isEqualTo("cancelled");

    JsonNode follower = tenant.awaitFinished(json(waiting).get("id").asText(), TIMEOUT);
    assertThat(follower.get("status").asText()).isEqualTo("succeeded");
    assertThat(follower.get("cacheHit").asBoolean()).isFalse();
    assertThat(follower.get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void entries_expire_after_the_ttl(@TempDir Path temp) throws Exception {
    NodeConfig shortLived =
        TestNodeConfig.in(temp.resolve("data"))
            .compute(true)
            .resultCache(new NodeConfig.ResultCacheConfig(true, Duration.ofSeconds(1), 1L << 20))
            .build();
    try (TestNode shortNode = TestNode.start(shortLived)) {
      byte[] document = uniqueText();
      awaitSucceeded(shortNode.http, shortNode.http.submit("a.txt", document, null));
      assertThat(shortNode.http.submit("a.txt", document, null).headers().firstValue("X-Cache"))
          .contains("HIT");

      // The grid drops the entry once its time to live is over; the cache's stats count it.
      Eventually.await(
          "the cached result expired",
          Duration.ofSeconds(10),
          () -> json(shortNode.http.get("/api/v1/cache")).get("entries").asLong(),
          entries -> entries == 0);

      assertThat(shortNode.http.submit("a.txt", document, null).headers().firstValue("X-Cache"))
          .contains("MISS");
    }
  }

  @Test
  void a_password_job_never_reuses_nor_shares_a_result() throws Exception {
    byte[] document = uniqueText();
    String withPassword = "{\"password\":\"secret\"}";
    awaitSucceeded(node.http.submit("a.txt", document, withPassword));

    HttpResponse<String> again = node.http.submit("a.txt", document, withPassword);
    HttpResponse<String> without = node.http.submit("a.txt", document, null);

    assertThat(again.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(without.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(awaitSucceeded(again).get("attempts").asInt()).isEqualTo(1);
  }

  private JsonNode awaitSucceeded(HttpResponse<String> submitted) throws Exception {
    return awaitSucceeded(node.http, submitted);
  }

  private static JsonNode awaitSucceeded(HttpApi api, HttpResponse<String> submitted)
      throws Exception {
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    JsonNode job = api.awaitFinished(json(submitted).get("id").asText(), TIMEOUT);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    return job;
  }

  private static byte[] uniqueText() {
    return ("A document of its own: " + UUID.randomUUID()).getBytes();
  }
}
