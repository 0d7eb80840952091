package io.docgrid.tasks.document;

import java.time.Duration;

/**
 * How long a document, and each of its pages, may take, on the monotonic clock. Pages that start
 * after the document's budget is spent fail with {@link DocumentErrorCode#PROCESSING_TIMEOUT}
 * instead of running, so a slow document returns what it has before the job's own timeout.
 */
public final class TimeBudget {

  /** No limits: for tools and tests that want every page whatever it costs. */
  public static final TimeBudget UNLIMITED = new TimeBudget(Long.MAX_VALUE, Duration.ofDays(1));

  private final long deadlineNanos;
  private final Duration perPage;
  private volatile boolean cancelled;

  private TimeBudget(long deadlineNanos, Duration perPage) {
    this.deadlineNanos = deadlineNanos;
    this.perPage = perPage;
  }

  /** A budget that starts now. */
  public static TimeBudget startingNow(Duration document, Duration perPage) {
    long now = System.nanoTime();
    long length = document.toNanos();
    return new TimeBudget(length > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + length, perPage);
  }

  public boolean documentExpired() {
    return cancelled || deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0;
  }

  /**
   * Ends the budget now: the document stops within the page it is on, as if its time had run out.
   * For a document whose job was cancelled; safe to call from any thread.
   */
  public void cancel() {
    if (this == UNLIMITED) {
      throw new IllegalStateException("the shared unlimited budget cannot be cancelled");
    }
    cancelled = true;
  }

  /** Milliseconds the next page may take: its own budget, or what is left of the document's. */
  public int pageMillis() {
    if (cancelled) {
      return 1;
    }
    long page = perPage.toMillis();
    if (deadlineNanos != Long.MAX_VALUE) {
      page = Math.min(page, Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }
    return (int) Math.max(1, Math.min(page, Integer.MAX_VALUE));
  }

  static PageText expired(int number) {
    return PageText.failed(
        number,
        DocumentErrorCode.PROCESSING_TIMEOUT,
        "The document's processing time ran out before page " + number + ".");
  }
}
