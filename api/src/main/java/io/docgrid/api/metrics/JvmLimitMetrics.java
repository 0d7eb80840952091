package io.docgrid.api.metrics;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM's limit on direct buffers, which the default exports lack: without it, direct memory used
 * ({@code jvm_buffer_pool_used_bytes{pool="direct"}}) has nothing to be compared with.
 */
public final class JvmLimitMetrics extends Collector {

  private final long maxDirectBytes = maxDirectMemory();

  @Override
  public List<MetricFamilySamples> collect() {
    return List.of(
        new GaugeMetricFamily(
            "docgrid_jvm_direct_memory_max_bytes",
            "The most direct buffer memory the JVM allows (-XX:MaxDirectMemorySize, else the heap's"
                + " maximum).",
            maxDirectBytes));
  }

  /** As the JVM decides it: the flag when set, the maximum heap size when not (flag 0). */
  private static long maxDirectMemory() {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    long flag =
        hotspot == null ? 0 : Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
    return flag > 0 ? flag : Runtime.getRuntime().maxMemory();
  }
}
