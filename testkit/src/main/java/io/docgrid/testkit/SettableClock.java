package io.docgrid.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that follows the system clock, moved ahead by what the test asks: time-dependent rules
 * (expiry, retention) are tested by advancing it instead of waiting for real time to pass.
 */
public final class SettableClock extends Clock {

  private final AtomicReference<Duration> ahead;
  private final ZoneId zone;

  /** A UTC clock at the system's time, as the node's own clock is. */
  public SettableClock() {
    this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
  }

  private SettableClock(AtomicReference<Duration> ahead, ZoneId zone) {
    this.ahead = ahead;
    this.zone = zone;
  }

  /**
   * Moves this clock, and every clock made from it with another zone, ahead by {@code duration}.
   */
  public void advance(Duration duration) {
    ahead.accumulateAndGet(duration, Duration::plus);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead.get());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new SettableClock(ahead, zone);
  }
}
