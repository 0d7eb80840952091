package io.docgrid.ops.docker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Polls what a container shows from the outside (HTTP, docker inspect) until it holds. */
final class Await {

  private static final long POLL_MILLIS = 250;

  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  @FunctionalInterface
  interface Context {
    String describe() throws Exception;
  }

  private Await() {}

  static void until(String what, Duration timeout, Condition condition, Context context)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what + context.describe());
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }
}
