package io.docgrid.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.CollectorRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values read when Prometheus scrapes, and what a scrape shows when one cannot be read. */
class ReadAtScrapeMetricsTest {

  private final ApiMetrics metrics = new ApiMetrics();
  private final CollectorRegistry registry = metrics.registry();

  @Test
  void job_states_and_queue_age_are_left_out_while_the_database_is_down_and_it_says_so() {
    metrics.registerJobStates(
        () -> {
          throw new IllegalStateException("database down");
        });
    metrics.registerOldestQueuedAge(
        () -> {
          throw new IllegalStateException("database down");
        });
    new DatabaseMetrics(() -> false).register(registry);

    assertThat(registry.getSampleValue("docgrid_database_up")).isEqualTo(0.0);
    assertThat(registry.getSampleValue("docgrid_jobs_oldest_queued_age_seconds")).isNull();
    assertThat(
            registry.getSampleValue(
                "docgrid_jobs", new String[] {"status"}, new String[] {"queued"}))
        .isNull();
  }

  @Test
  void job_states_and_queue_age_are_read_at_scrape() {
    metrics.registerJobStates(() -> Map.of("queued", 4L));
    metrics.registerOldestQueuedAge(() -> 42.5);
    new DatabaseMetrics(() -> true).register(registry);

    assertThat(registry.getSampleValue("docgrid_jobs_oldest_queued_age_seconds")).isEqualTo(42.5);
    assertThat(
            registry.getSampleValue(
                "docgrid_jobs", new String[] {"status"}, new String[] {"queued"}))
        .isEqualTo(4.0);
    assertThat(registry.getSampleValue("docgrid_database_up")).isEqualTo(1.0);
  }

  @Test
  void pages_are_counted_by_tenant_tier_and_kind() {
    metrics.pagesProcessed("key:tenant-a", "STANDARD", 10, 3);

    String[] labels = {"tenant", "tier", "kind"};
    assertThat(
            registry.getSampleValue(
                "docgrid_pages_processed_total",
                labels,
                new String[] {"key:tenant-a", "STANDARD", "text"}))
        .isEqualTo(7.0);
    assertThat(
            registry.getSampleValue(
                "docgrid_pages_processed_total",
                labels,
                new String[] {"key:tenant-a", "STANDARD", "ocr"}))
        .isEqualTo(3.0);
  }

  @Test
  void extraction_deaths_and_the_direct_memory_limit_are_read_at_scrape() {
    long[] deaths = {0};
    new ExtractionMetrics(() -> deaths[0]).register(registry);
    new JvmLimitMetrics().register(registry);
    deaths[0] = 2;

    assertThat(registry.getSampleValue("docgrid_extraction_children_died_total")).isEqualTo(2.0);
    // No -XX:MaxDirectMemorySize in the test JVM: the limit is the heap's maximum.
    assertThat(registry.getSampleValue("docgrid_jvm_direct_memory_max_bytes"))
        .isEqualTo((double) Runtime.getRuntime().maxMemory());
  }
}
