package io.docgrid.api.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import io.prometheus.client.hotspot.DefaultExports;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The service's metrics, in a registry of its own (never the global default, so that several nodes
 * in one JVM do not collide). Labels take bounded values only: route templates, methods, statuses
 * and error codes, never a job's or a request's id; the one per-caller label is the tenant of
 * {@code docgrid_pages_processed_total}, bounded by the number of API keys and token subjects.
 */
public final class ApiMetrics {

  private final CollectorRegistry registry = new CollectorRegistry(true);

  private final Counter requests =
      Counter.build()
          .name("docgrid_http_requests_total")
          .help("HTTP requests by route template, method and status.")
          .labelNames("route", "method", "status")
          .register(registry);

  private final Histogram requestDuration =
      Histogram.build()
          .name("docgrid_http_request_duration_seconds")
          .help("HTTP request latency by route template and method.")
          .labelNames("route", "method")
          .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
          .register(registry);

  private final Counter jobsSubmitted =
      Counter.build()
          .name("docgrid_jobs_submitted_total")
          .help("Jobs accepted for processing.")
          .register(registry);

  private final Counter jobsFinished =
      Counter.build()
          .name("docgrid_jobs_finished_total")
          .help("Jobs that reached a final state, by outcome and error code.")
          .labelNames("outcome", "error_code")
          .register(registry);

  private final Histogram jobDuration =
      Histogram.build()
          .name("docgrid_job_duration_seconds")
          .help("Time from submission to a final state.")
          .labelNames("outcome")
          .buckets(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)
          .register(registry);

  private final Histogram jobStages =
      Histogram.build()
          .name("docgrid_job_stage_seconds")
          .help(
              "Where succeeded jobs spent their time: queued, dispatch (to a compute node, waiting"
                  + " for a slot there, and back), processing, record (storing the result) and"
                  + " total.")
          .labelNames("stage")
          .buckets(
              0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
          .register(registry);

  private final Counter submissionsRefused =
      Counter.build()
          .name("docgrid_submissions_refused_total")
          .help("Job submissions refused for capacity, by reason.")
          .labelNames("reason")
          .register(registry);

  private final Counter documentsQuarantined =
      Counter.build()
          .name("docgrid_documents_quarantined_total")
          .help("Documents quarantined because processing them brought workers down.")
          .register(registry);

  private final Counter jobsRequeued =
      Counter.build()
          .name("docgrid_jobs_requeued_total")
          .help("Jobs queued again because the node holding them left or stopped renewing.")
          .register(registry);

  private final Counter usageWritten =
      Counter.build()
          .name("docgrid_usage_records_written_total")
          .help("Usage log rows written to the database.")
          .register(registry);

  private final Counter usageDropped =
      Counter.build()
          .name("docgrid_usage_records_dropped_total")
          .help("Usage log rows lost, by reason (buffer_full, write_failed).")
          .labelNames("reason")
          .register(registry);

  private final Counter pagesProcessed =
      Counter.build()
          .name("docgrid_pages_processed_total")
          .help(
              "Pages of finished jobs, billed to their owner (the tenant: key:<id>, oauth:<issuer>#"
                  + "<subject> or anonymous) and tier, by kind (text, ocr).")
          .labelNames("tenant", "tier", "kind")
          .register(registry);

  private final Counter resultCacheHits =
      Counter.build()
          .name("docgrid_result_cache_hits_total")
          .help("Submissions answered from the result cache.")
          .register(registry);

  private final Counter resultCacheMisses =
      Counter.build()
          .name("docgrid_result_cache_misses_total")
          .help("Submissions the result cache could have answered but did not hold.")
          .register(registry);

  public ApiMetrics() {
    DefaultExports.register(registry);
  }

  public CollectorRegistry registry() {
    return registry;
  }

  public void requestCompleted(String route, String method, int status, double seconds) {
    requests.labels(route, method, Integer.toString(status)).inc();
    requestDuration.labels(route, method).observe(seconds);
  }

  public void jobSubmitted() {
    jobsSubmitted.inc();
  }

  public void jobFinished(String outcome, String errorCode, double seconds) {
    jobsFinished.labels(outcome, errorCode == null ? "none" : errorCode).inc();
    jobDuration.labels(outcome).observe(seconds);
  }

  /** Observes a succeeded job's stage timings, in milliseconds by stage name. */
  public void jobStages(Map<String, Long> millisByStage) {
    millisByStage.forEach((stage, millis) -> jobStages.labels(stage).observe(millis / 1000.0));
  }

  public void submissionRefused(String reason) {
    submissionsRefused.labels(reason).inc();
  }

  public void usageRecordsWritten(int count) {
    usageWritten.inc(count);
  }

  public void usageRecordsDropped(String reason, int count) {
    usageDropped.labels(reason).inc(count);
  }

  /** Counts a finished job's {@code pages}, {@code ocrPages} of them read by OCR. */
  public void pagesProcessed(String tenant, String tier, int pages, int ocrPages) {
    pagesProcessed.labels(tenant, tier, "text").inc(pages - ocrPages);
    pagesProcessed.labels(tenant, tier, "ocr").inc(ocrPages);
  }

  public void resultCacheLookup(boolean hit) {
    (hit ? resultCacheHits : resultCacheMisses).inc();
  }

  public long resultCacheHits() {
    return (long) resultCacheHits.get();
  }

  public long resultCacheMisses() {
    return (long) resultCacheMisses.get();
  }

  /**
   * Publishes job counts by status, read at scrape time. Left out of a scrape when they cannot be
   * read (the database is down), so that the rest of the scrape, {@code docgrid_database_up}
   * included, still arrives.
   */
  public void registerJobStates(Supplier<Map<String, Long>> countsByStatus) {
    new Collector() {
      @Override
      public List<MetricFamilySamples> collect() {
        var family =
            new GaugeMetricFamily(
                "docgrid_jobs", "Jobs currently in each unfinished state.", List.of("status"));
        try {
          countsByStatus.get().forEach((status, count) -> family.addMetric(List.of(status), count));
        } catch (RuntimeException unreadable) {
          return List.of();
        }
        return List.of(family);
      }
    }.register(registry);
  }

  /**
   * Publishes how long the longest-waiting queued job has waited, in seconds (0 when none waits),
   * read at scrape time; left out of a scrape when it cannot be read.
   */
  public void registerOldestQueuedAge(DoubleSupplier seconds) {
    new Collector() {
      @Override
      public List<MetricFamilySamples> collect() {
        try {
          return List.of(
              new GaugeMetricFamily(
                  "docgrid_jobs_oldest_queued_age_seconds",
                  "How long the job queued longest has waited since it was submitted.",
                  seconds.getAsDouble()));
        } catch (RuntimeException unreadable) {
          return List.of();
        }
      }
    }.register(registry);
  }

  public void documentQuarantined() {
    documentsQuarantined.inc();
  }

  public void jobsRequeued(int count) {
    jobsRequeued.inc(count);
  }
}
