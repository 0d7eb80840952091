package io.docgrid.api.engine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many jobs wait, for the queue limit that every submission checks: counted in the database at
 * most once per {@code maxAge}, with the jobs this node queued since added on top. Exact on one
 * node; across API nodes each sees the others' submissions within {@code maxAge}, which a limit of
 * thousands of jobs does not notice, while the database is spared a count per upload.
 */
public final class QueueDepth {

  private final LongSupplier countQueued;
  private final long maxAgeNanos;
  private long counted;
  private long queuedSince;
  private long countedAtNanos;
  private boolean everCounted;

  public QueueDepth(LongSupplier countQueued, Duration maxAge) {
    this.countQueued = countQueued;
    this.maxAgeNanos = maxAge.toNanos();
  }

  /** The queued jobs now, as far as this node can tell without counting each time. */
  synchronized long estimate() {
    long now = System.nanoTime();
    if (!everCounted || now - countedAtNanos >= maxAgeNanos) {
      counted = countQueued.getAsLong();
      queuedSince = 0;
      countedAtNanos = now;
      everCounted = true;
    }
    return counted + queuedSince;
  }

  /** This node has just queued a job. */
  synchronized void queued() {
    queuedSince++;
  }
}
