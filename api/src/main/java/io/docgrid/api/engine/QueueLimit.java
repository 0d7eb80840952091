package io.docgrid.api.engine;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.metrics.ApiMetrics;

/**
 * Refuses new work while {@code maxQueuedJobs} wait: counted in the database, so across every API
 * node that shares it.
 */
public final class QueueLimit {

  private static final long OVERLOADED_RETRY_SECONDS = 10;

  private final QueueDepth depth;
  private final int maxQueuedJobs;
  private final ApiMetrics metrics;

  public QueueLimit(QueueDepth depth, int maxQueuedJobs, ApiMetrics metrics) {
    this.depth = depth;
    this.maxQueuedJobs = maxQueuedJobs;
    this.metrics = metrics;
  }

  /** Checked before the upload is read, so a full queue costs no transfer. */
  public void ensureCapacity() {
    long queued = depth.estimate();
    if (queued >= maxQueuedJobs) {
      metrics.submissionRefused("overloaded");
      throw new ApiException(
              ErrorCode.OVERLOADED,
              queued + " jobs are waiting, the most this service queues; retry shortly.")
          .retryAfter(OVERLOADED_RETRY_SECONDS);
    }
  }
}
