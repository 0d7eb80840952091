package io.docgrid.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private static final RandomGenerator SEEDED = RandomGenerator.of("L64X128MixRandom");

  @Test
  void the_shipped_schedule_retries_for_about_three_days() {
    Duration span = RetrySchedule.DEFAULT.span();

    assertThat(span).isBetween(Duration.ofHours(60), Duration.ofHours(84));
  }

  @Test
  void delays_double_up_to_the_cap_and_the_delivery_dies_after_the_last_try() {
    RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(5), 5);

    assertThat(schedule.plainDelayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(schedule.plainDelayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(schedule.plainDelayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(schedule.plainDelayAfter(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(schedule.delayAfter(5, SEEDED)).isEmpty();
  }

  @Test
  void jitter_moves_a_delay_by_at_most_a_fifth_and_delays_still_grow() {
    RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1), 4);
    for (int i = 0; i < 1000; i++) {
      Duration first = schedule.delayAfter(1, SEEDED).orElseThrow();
      Duration second = schedule.delayAfter(2, SEEDED).orElseThrow();
      assertThat(first).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
      assertThat(second).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
      assertThat(second).isGreaterThan(first);
    }
    assertThat(schedule.delayAfter(4, SEEDED)).isEqualTo(Optional.empty());
  }
}
