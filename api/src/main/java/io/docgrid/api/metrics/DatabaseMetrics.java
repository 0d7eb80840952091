package io.docgrid.api.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Whether this node reaches its database, checked at scrape time, so that an outage shows as a
 * value rather than only as failing requests.
 */
public final class DatabaseMetrics extends Collector {

  private final BooleanSupplier reachable;

  public DatabaseMetrics(BooleanSupplier reachable) {
    this.reachable = reachable;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    return List.of(
        new GaugeMetricFamily(
            "docgrid_database_up",
            "1 when a pooled database connection answers within two seconds, else 0.",
            reachable.getAsBoolean() ? 1 : 0));
  }
}
