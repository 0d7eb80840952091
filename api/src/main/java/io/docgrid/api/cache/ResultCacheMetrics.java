package io.docgrid.api.cache;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;

/**
 * The result cache's size and this node's hit rate and near cache, read at scrape time. The hit and
 * miss counters themselves are {@code docgrid_result_cache_hits_total} and {@code _misses_total} in
 * {@link io.docgrid.api.metrics.ApiMetrics}.
 */
public final class ResultCacheMetrics extends Collector {

  private final ResultCache cache;

  public ResultCacheMetrics(ResultCache cache) {
    this.cache = cache;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    ResultCacheStats stats = cache.stats();
    return List.of(
        gauge(
            "docgrid_result_cache_entries",
            "Entries in the cluster's result cache.",
            stats.entries()),
        gauge(
            "docgrid_result_cache_bytes",
            "Bytes the result cache's entries take, compressed, cluster-wide.",
            stats.bytes()),
        gauge(
            "docgrid_result_cache_hit_ratio",
            "Hits / lookups of this node's submissions since it started.",
            stats.hitRate()),
        gauge(
            "docgrid_result_cache_near_bytes",
            "Bytes held by this node's near cache.",
            stats.nearCache().bytes()));
  }

  private static GaugeMetricFamily gauge(String name, String help, double value) {
    return new GaugeMetricFamily(name, help, value);
  }
}
