package io.docgrid.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that follows the system clock, moved ahead by what the test asks: time-dependent rules
 * (expiry, retention) are tested by advancing it instead of waiting for real time to pass.
 */
public final class SettableClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  public void advance(Duration duration) {
    ahead = ahead.plus(duration);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the tests' clock is UTC, as the node's is");
  }
}
