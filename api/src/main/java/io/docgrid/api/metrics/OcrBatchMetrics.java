package io.docgrid.api.metrics;

import io.docgrid.tasks.ocr.paddle.BatchedInference;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;

/**
 * PaddleOCR's model batches on a GPU node: how many pages or lines each batch held and how long its
 * oldest item waited for it, per model ({@code det}, {@code cls}, {@code rec}). Batches that stay
 * small while the GPU is busy mean too few pages reach the node; long waits, a wait limit set too
 * high. Nothing is recorded on CPU nodes, where the models are not batched.
 */
public final class OcrBatchMetrics implements BatchedInference.Listener {

  private final Histogram size =
      Histogram.build()
          .name("docgrid_ocr_batch_size")
          .help("Pages (det) or lines (cls, rec) in each PaddleOCR model batch on a GPU node.")
          .labelNames("model")
          .buckets(1, 2, 4, 8, 16, 32, 64, 128)
          .create();

  private final Histogram wait =
      Histogram.build()
          .name("docgrid_ocr_batch_wait_seconds")
          .help("How long the oldest item of each PaddleOCR model batch waited for it to leave.")
          .labelNames("model")
          .buckets(0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.25, 1)
          .create();

  @Override
  public void flushed(String model, int items, int capacity, long waitedNanos) {
    size.labels(model).observe(items);
    wait.labels(model).observe(waitedNanos / 1e9);
  }

  public void register(CollectorRegistry registry) {
    registry.register(size);
    registry.register(wait);
  }
}
