package io.docgrid.api.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a job's time went, in milliseconds, as its result's manifest and the stage metrics show it:
 * {@code queued} until it was dispatched (for a long document, until its pages were, after its
 * first look), {@code dispatch} on its way to a compute node, waiting for a free extraction slot
 * there and on its way back, {@code processing} on the compute node, {@code record} storing its
 * result and finishing its row, and {@code total} from submission to the end. A result reused from
 * an identical job has only {@code processing} (the original's) and {@code total}.
 */
record JobTimings(Map<String, Long> millis) {

  static final String QUEUED = "queued";
  static final String DISPATCH = "dispatch";
  static final String PROCESSING = "processing";
  static final String RECORD = "record";
  static final String TOTAL = "total";

  JobTimings {
    millis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(millis));
  }

  static JobTimings computed(
      Instant created,
      Instant dispatched,
      long processingMillis,
      Instant returned,
      Instant finished) {
    Map<String, Long> millis = new LinkedHashMap<>();
    millis.put(QUEUED, between(created, dispatched));
    millis.put(DISPATCH, Math.max(0, between(dispatched, returned) - processingMillis));
    millis.put(PROCESSING, processingMillis);
    millis.put(RECORD, between(returned, finished));
    millis.put(TOTAL, between(created, finished));
    return new JobTimings(millis);
  }

  static JobTimings reused(long originalProcessingMillis, Instant created, Instant finished) {
    Map<String, Long> millis = new LinkedHashMap<>();
    millis.put(PROCESSING, originalProcessingMillis);
    millis.put(TOTAL, between(created, finished));
    return new JobTimings(millis);
  }

  private static long between(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis());
  }
}
