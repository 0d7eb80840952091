package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly page quota, charged without the API node ever opening a document: one page when a job
 * is accepted, the rest once its first look has counted them, before any result is delivered. A job
 * whose pages do not fit fails as QUOTA_EXCEEDED and delivers nothing; a used-up quota refuses new
 * work at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageQuotaTest {

  private static final int PAGES_PER_HOUR = 5;
  private static final Duration BOUND = Duration.ofSeconds(60);

  private TestNode node;
  private HttpApi tenant;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    node =
        TestNodeConfig.in(temp.resolve("data"))
            .compute(true)
            .maxUpload(10L << 20)
            .securityFlags("--tier-limit", "STANDARD.pages-per-hour=" + PAGES_PER_HOUR)
            .start();
    tenant = node.http.withNewKey("pages", "STANDARD");
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void pages_are_charged_once_counted_and_a_job_that_does_not_fit_delivers_nothing()
      throws Exception {
    byte[] threePages = HostileDocuments.manyPagesPdf(3);

    JsonNode fits = finished(tenant.submit("three.pdf", threePages, null));
    assertThat(fits.get("status").asText()).isEqualTo("succeeded");

    // One page left for it beyond the one charged at submission: it needs two more.
    JsonNode tooMany = finished(tenant.submit("again.pdf", threePages, "{\"ocr\":\"off\"}"));
    assertThat(tooMany.get("status").asText()).isEqualTo("failed");
    assertThat(tooMany.at("/error/code").asText()).isEqualTo("QUOTA_EXCEEDED");
    assertThat(tooMany.at("/error/message").asText()).contains("3 pages", "2 of 5");
    problem(
        tenant.get("/api/v1/jobs/" + tooMany.get("id").asText() + "/result"), 409, "JOB_FAILED");

    // A one-page document takes the last page; after it, the quota refuses at once.
    assertThat(
            finished(tenant.submit("one.txt", "one page".getBytes(), null)).get("status").asText())
        .isEqualTo("succeeded");
    HttpResponse<String> refused = tenant.submit("more.txt", "no page left".getBytes(), null);
    problem(refused, 429, "QUOTA_EXCEEDED");
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 3600L);
  }

  private JsonNode finished(HttpResponse<String> accepted) throws Exception {
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return tenant.awaitFinished(json(accepted).get("id").asText(), BOUND);
  }
}
