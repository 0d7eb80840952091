package io.docgrid.api.jobs;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

/**
 * How long page images took to draw on a compute node and come back, by outcome ({@code drawn},
 * {@code rejected}: the document or the page cannot be drawn, {@code failed}: no compute node
 * could), and how often this node's cache of them answered instead.
 */
public final class PageImageMetrics {

  private final Histogram drawing =
      Histogram.build()
          .name("docgrid_page_image_render_seconds")
          .help(
              "Time to have a page image drawn on a compute node and brought back, by outcome:"
                  + " drawn, rejected (the document or page cannot be drawn) or failed (no compute"
                  + " node could draw it).")
          .labelNames("outcome")
          .buckets(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120)
          .create();

  private final Counter cacheLookups =
      Counter.build()
          .name("docgrid_page_image_cache_lookups_total")
          .help("Page images looked up in the node's cache before drawing, by result: hit or miss.")
          .labelNames("result")
          .create();

  public PageImageMetrics register(CollectorRegistry registry) {
    drawing.register(registry);
    cacheLookups.register(registry);
    return this;
  }

  void drawn(String outcome, long startedNanos) {
    drawing.labels(outcome).observe((System.nanoTime() - startedNanos) / 1e9);
  }

  void cacheLookup(boolean hit) {
    cacheLookups.labels(hit ? "hit" : "miss").inc();
  }
}
