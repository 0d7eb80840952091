package io.docgrid.api.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * What callers of one tier may do.
 *
 * @param requestsPerMinute requests to limited routes per minute
 * @param pagesPerHour pages accepted for processing per hour
 * @param maxFileBytes the largest upload
 * @param maxPagesPerDocument the longest document, in pages
 * @param concurrentJobs jobs queued or running at once
 * @param priority dispatch priority, higher first
 * @param resultRetention how long documents and results are kept after a job finishes
 */
public record TierLimits(
    long requestsPerMinute,
    long pagesPerHour,
    long maxFileBytes,
    int maxPagesPerDocument,
    int concurrentJobs,
    int priority,
    Duration resultRetention) {

  public TierLimits {
    positive("requestsPerMinute", requestsPerMinute);
    positive("pagesPerHour", pagesPerHour);
    positive("maxFileBytes", maxFileBytes);
    positive("maxPagesPerDocument", maxPagesPerDocument);
    positive("concurrentJobs", concurrentJobs);
    if (priority < 0 || priority > 100) {
      throw new IllegalArgumentException("priority must be 0 to 100, got " + priority);
    }
    Objects.requireNonNull(resultRetention, "resultRetention");
    if (resultRetention.isNegative() || resultRetention.isZero()) {
      throw new IllegalArgumentException("resultRetention must be positive");
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
