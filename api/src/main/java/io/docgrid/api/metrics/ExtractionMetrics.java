package io.docgrid.api.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Extraction children of a compute node that died while it ran (crashed, ran out of memory, or were
 * killed for hanging), read at scrape time. Always zero where extraction runs in the node's JVM.
 */
public final class ExtractionMetrics extends Collector {

  private final LongSupplier childDeaths;

  public ExtractionMetrics(LongSupplier childDeaths) {
    this.childDeaths = childDeaths;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    return List.of(
        new CounterMetricFamily(
            "docgrid_extraction_children_died",
            "Extraction child JVMs that died while the node ran.",
            childDeaths.getAsLong()));
  }
}
