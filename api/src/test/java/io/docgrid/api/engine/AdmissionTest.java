package io.docgrid.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.auth.Tier;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.limits.TierLimits;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.api.metrics.ApiMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What admission refuses, and with which codes, on H2 and one in-JVM grid node. */
class AdmissionTest {

  private static final long MB = 1L << 20;

  @Test
  void a_caller_at_its_tiers_jobs_at_once_is_refused_with_concurrency_limit(@TempDir Path work)
      throws Exception {
    try (EngineHarness engine = engineWith(limits(1_000, 1), work)) {
      Principal caller = EngineHarness.caller(Tier.FREE);
      engine.admission.admit(caller);
      engine.store("queued, not started", caller);

      assertThatThrownBy(() -> engine.admission.admit(caller))
          .isInstanceOfSatisfying(
              ApiException.class,
              refused -> {
                assertThat(refused.code()).isEqualTo(ErrorCode.CONCURRENCY_LIMIT);
                assertThat(refused.retryAfterSeconds()).isPositive();
              });
    }
  }

  @Test
  void a_caller_whose_hourly_pages_are_used_up_is_refused_with_quota_exceeded(@TempDir Path work)
      throws Exception {
    try (EngineHarness engine = engineWith(limits(1, 10), work)) {
      Principal caller = EngineHarness.caller(Tier.FREE);
      engine.admission.admit(caller); // the one page of the hour

      assertThatThrownBy(() -> engine.admission.admit(caller))
          .isInstanceOfSatisfying(
              ApiException.class,
              refused -> assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
    }
  }

  @Test
  void counted_pages_beyond_the_quota_left_are_refused_with_how_many_were_left(@TempDir Path work)
      throws Exception {
    try (EngineHarness engine = engineWith(limits(3, 10), work)) {
      Principal caller = EngineHarness.caller(Tier.FREE);
      engine.admission.admit(caller);
      JobIntake.Stored stored = engine.store("five pages, say", caller);

      assertThat(engine.admission.chargeCounted(stored.job(), 5))
          .hasValueSatisfying(
              why -> assertThat(why).contains("needs 5 pages").contains("only 3 of 3"));
      assertThat(engine.admission.chargeCounted(stored.job(), 3)).isEmpty();
    }
  }

  @Test
  void a_full_queue_is_refused_with_overloaded() {
    QueueLimit limit =
        new QueueLimit(new QueueDepth(() -> 5, Duration.ofSeconds(1)), 5, new ApiMetrics());

    assertThatThrownBy(limit::ensureCapacity)
        .isInstanceOfSatisfying(
            ApiException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(ErrorCode.OVERLOADED);
              assertThat(refused.retryAfterSeconds()).isPositive();
            });
  }

  @Test
  void a_queue_below_its_limit_takes_work() {
    QueueLimit limit =
        new QueueLimit(new QueueDepth(() -> 4, Duration.ofSeconds(1)), 5, new ApiMetrics());

    assertThatCode(limit::ensureCapacity).doesNotThrowAnyException();
  }

  private static TierLimits limits(long pagesPerHour, int concurrentJobs) {
    return new TierLimits(1_000, pagesPerHour, 10 * MB, 50, concurrentJobs, 1, Duration.ofDays(1));
  }

  private static EngineHarness engineWith(TierLimits free, Path work) throws Exception {
    return new EngineHarness(work, TierPolicy.defaults().with(Tier.FREE, free), false, List.of());
  }
}
