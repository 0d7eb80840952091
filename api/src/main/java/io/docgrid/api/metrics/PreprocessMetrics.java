package io.docgrid.api.metrics;

import io.docgrid.tasks.preprocess.GpuBatcher;
import io.docgrid.tasks.preprocess.ObservedPreprocessor;
import io.docgrid.tasks.preprocess.cuda.GpuSample;
import io.docgrid.tasks.preprocess.cuda.KernelTimes;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import io.prometheus.client.Summary;
import java.util.List;
import java.util.function.Supplier;

/**
 * Preprocessing on a compute node: pages per backend and stage, and on GPU nodes the fill of each
 * batch, the device time per stage, and each GPU's utilisation and memory (NVML, read at scrape).
 * Made before the node starts, because the GPU runtime reports into it; registered once the node's
 * registry exists.
 */
public final class PreprocessMetrics
    implements ObservedPreprocessor.Listener, KernelTimes, GpuBatcher.Listener {

  private final Counter pages =
      Counter.build()
          .name("docgrid_preprocess_pages_total")
          .help("Pages through a preprocessing stage, by backend (cpu, cuda) and stage.")
          .labelNames("backend", "stage")
          .create();

  private final Histogram batchFill =
      Histogram.build()
          .name("docgrid_gpu_batch_fill_ratio")
          .help("How full each GPU batch was when it left: items over the batch capacity.")
          .buckets(0.125, 0.25, 0.5, 0.75, 1.0)
          .create();

  private final Summary kernelTime =
      Summary.build()
          .name("docgrid_gpu_stage_seconds")
          .help("Device time of a preprocessing stage on a GPU, copies and kernels, per page.")
          .labelNames("stage")
          .create();

  private volatile Supplier<List<GpuSample>> gpus = List::of;

  @Override
  public void processed(String backend, String stage) {
    pages.labels(backend, stage).inc();
  }

  @Override
  public void flushed(int size, int capacity) {
    batchFill.observe((double) size / capacity);
  }

  @Override
  public void record(String stage, long nanos) {
    kernelTime.labels(stage).observe(nanos / 1e9);
  }

  /** Reads the GPUs at every scrape from {@code samples} (NVML); none until this is called. */
  public void readGpusFrom(Supplier<List<GpuSample>> samples) {
    this.gpus = samples;
  }

  public void register(CollectorRegistry registry) {
    registry.register(pages);
    registry.register(batchFill);
    registry.register(kernelTime);
    registry.register(new GpuCollector());
  }

  private final class GpuCollector extends Collector {

    @Override
    public List<MetricFamilySamples> collect() {
      List<String> labels = List.of("gpu", "name");
      GaugeMetricFamily utilization =
          new GaugeMetricFamily(
              "docgrid_gpu_utilization_ratio",
              "Share of the last sample period in which a kernel ran on the GPU, 0 to 1 (NVML).",
              labels);
      GaugeMetricFamily used =
          new GaugeMetricFamily(
              "docgrid_gpu_memory_used_bytes", "GPU memory in use (NVML).", labels);
      GaugeMetricFamily total =
          new GaugeMetricFamily("docgrid_gpu_memory_total_bytes", "GPU memory (NVML).", labels);
      for (GpuSample gpu : gpus.get()) {
        List<String> values = List.of(Integer.toString(gpu.index()), gpu.name());
        utilization.addMetric(values, gpu.utilization() / 100.0);
        used.addMetric(values, gpu.memoryUsedBytes());
        total.addMetric(values, gpu.memoryTotalBytes());
      }
      return List.of(utilization, used, total);
    }
  }
}
