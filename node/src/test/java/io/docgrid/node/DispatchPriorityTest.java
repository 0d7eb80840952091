package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.TestPages;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compute node runs as many document jobs as it has extraction children; the rest wait, and start
 * in fair shares between tenants weighted by their tier: an ENTERPRISE document overtakes STANDARD
 * ones that are still waiting, and one tenant's batch does not hold back another tenant of the same
 * tier.
 */
class DispatchPriorityTest {

  private static final int STANDARD_JOBS = 8;

  @Test
  void a_higher_tier_overtakes_waiting_jobs_of_a_lower_one(@TempDir Path temp) throws Exception {
    try (TestNode node =
        TestNodeConfig.in(temp.resolve("data")).compute(true).maxUpload(10 << 20).start()) {
      HttpApi standard = node.http.withNewKey("batch", "STANDARD");
      // Every page is made before the first is sent, so that the submissions follow each other
      // closely and the urgent one arrives while most of the others still wait.
      Random random = new Random(7);
      List<byte[]> pages = new ArrayList<>();
      for (int i = 0; i <= STANDARD_JOBS; i++) {
        pages.add(TestPages.png(TestPages.scan(0, 8, random)));
      }
      List<String> standardJobs = new ArrayList<>();
      for (int i = 0; i < STANDARD_JOBS; i++) {
        standardJobs.add(submit(standard, pages.get(i)));
      }
      // The admin key is ENTERPRISE: priority 10 against STANDARD's 5.
      String urgent = submit(node.http, pages.get(STANDARD_JOBS));

      Instant urgentStart = startedAt(node.http, urgent);
      List<Instant> standardStarts = new ArrayList<>();
      for (String id : standardJobs) {
        standardStarts.add(startedAt(standard, id));
      }
      long overtaken = standardStarts.stream().filter(start -> start.isAfter(urgentStart)).count();
      // Two run at once (two extraction children): without priorities the urgent job, sent last,
      // would start after all eight; with them it starts before every job still waiting.
      assertThat(overtaken)
          .as("STANDARD jobs started after the ENTERPRISE one")
          .isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void a_tenant_of_the_same_tier_is_not_held_back_by_anothers_batch(@TempDir Path temp)
      throws Exception {
    try (TestNode node =
        TestNodeConfig.in(temp.resolve("data")).compute(true).maxUpload(10 << 20).start()) {
      HttpApi bulk = node.http.withNewKey("bulk", "STANDARD");
      HttpApi small = node.http.withNewKey("small", "STANDARD");
      Random random = new Random(11);
      List<byte[]> pages = new ArrayList<>();
      for (int i = 0; i <= STANDARD_JOBS; i++) {
        pages.add(TestPages.png(TestPages.scan(0, 8, random)));
      }
      List<String> batch = new ArrayList<>();
      for (int i = 0; i < STANDARD_JOBS; i++) {
        batch.add(submit(bulk, pages.get(i)));
      }
      String single = submit(small, pages.get(STANDARD_JOBS));

      Instant singleStart = startedAt(small, single);
      long overtaken = 0;
      for (String id : batch) {
        overtaken += startedAt(bulk, id).isAfter(singleStart) ? 1 : 0;
      }
      // Both STANDARD: in a first-come queue the single page, sent last, would start after all
      // eight; in fair shares it starts at the next free slot.
      assertThat(overtaken)
          .as("batch jobs started after the other tenant's")
          .isGreaterThanOrEqualTo(3);
    }
  }

  private static String submit(HttpApi api, byte[] png) throws Exception {
    HttpResponse<String> accepted = api.submit("scan.png", png, null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json(accepted).get("id").asText();
  }

  private static Instant startedAt(HttpApi api, String id) throws Exception {
    JsonNode job = api.awaitFinished(id, Duration.ofMinutes(3));
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    return Instant.parse(job.get("startedAt").asText());
  }
}
