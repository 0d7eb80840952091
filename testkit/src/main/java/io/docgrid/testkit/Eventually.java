package io.docgrid.testkit;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits, within a deadline, for something a test cannot be told about directly: what another node
 * or process will do by itself. It asks again every {@link #INTERVAL}, returns the first answer
 * that satisfies the condition, and fails with the last answer at the deadline. Where the product
 * offers a way to wait (the jobs' {@code Prefer: wait} long poll), tests use that instead.
 */
public final class Eventually {

  public static final Duration INTERVAL = Duration.ofMillis(100);

  /** A question the test asks again: an HTTP call, a query, a look at a file. */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  private Eventually() {}

  /**
   * The first answer of {@code probe} that satisfies {@code done}, asked within {@code timeout}; an
   * {@link AssertionError} saying {@code what} was awaited, with the last answer, after it.
   */
  public static <T> T await(String what, Duration timeout, Probe<T> probe, Predicate<T> done)
      throws Exception {
    return await(what, timeout, probe, done, () -> "");
  }

  /** As above; the failure adds what {@code context} says then, such as a process's log. */
  public static <T> T await(
      String what, Duration timeout, Probe<T> probe, Predicate<T> done, Supplier<String> context)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T answer = probe.get();
      if (done.test(answer)) {
        return answer;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            what + " did not happen within " + timeout + "; last: " + answer + context.get());
      }
      // The one pause between two questions, bounded by the deadline above.
      Thread.sleep(INTERVAL.toMillis());
    }
  }

  /** Waits until {@code condition} holds. */
  public static void await(String what, Duration timeout, Probe<Boolean> condition)
      throws Exception {
    await(what, timeout, condition, Boolean::booleanValue);
  }
}
