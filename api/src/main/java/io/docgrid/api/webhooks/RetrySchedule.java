package io.docgrid.api.webhooks;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the first retry after {@code firstDelay}, each next one
 * after twice the delay before, at most {@code maxDelay}, each moved by up to a fifth either way
 * (jitter, so that endpoints back from an outage are not hit by every delivery at once). After
 * {@code attempts} tries the delivery is dead. The defaults span about three days.
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, int attempts) {

  public static final RetrySchedule DEFAULT =
      new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(12), 17);

  private static final double JITTER = 0.2;

  public RetrySchedule {
    if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** The delay before the next try after {@code made} tries; empty when the delivery is dead. */
  public Optional<Duration> delayAfter(int made, RandomGenerator random) {
    if (made >= attempts) {
      return Optional.empty();
    }
    Duration plain = plainDelayAfter(made);
    double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
    return Optional.of(Duration.ofMillis(Math.round(plain.toMillis() * factor)));
  }

  /** The delay without jitter. */
  Duration plainDelayAfter(int made) {
    int doublings = Math.min(made - 1, 40);
    Duration delay = firstDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** From the first try to the last, without jitter. */
  Duration span() {
    Duration total = Duration.ZERO;
    for (int made = 1; made < attempts; made++) {
      total = total.plus(plainDelayAfter(made));
    }
    return total;
  }
}
