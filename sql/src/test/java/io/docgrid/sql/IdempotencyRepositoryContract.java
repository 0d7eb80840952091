package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.IDEMPOTENCY_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.IdempotencyClaim;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link IdempotencyRepository} must do. */
abstract class IdempotencyRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final String SHA = "a".repeat(64);

  private IdempotencyRepository keys;

  protected abstract Database database();

  @BeforeEach
  void start_from_an_empty_table() {
    database().dsl().deleteFrom(IDEMPOTENCY_KEYS).execute();
    keys = new IdempotencyRepository(database().dsl());
  }

  @Test
  void the_first_claim_wins_and_is_found_again() {
    IdempotencyClaim first = new IdempotencyClaim("key:a", "k-1", SHA, UUID.randomUUID(), T0);

    assertThat(keys.claim(first)).isTrue();
    assertThat(
            keys.claim(new IdempotencyClaim("key:a", "k-1", "b".repeat(64), UUID.randomUUID(), T0)))
        .isFalse();

    assertThat(keys.find("key:a", "k-1")).contains(first);
    assertThat(keys.find("key:b", "k-1")).isEmpty();
  }

  @Test
  void keys_belong_to_their_owner() {
    assertThat(keys.claim(new IdempotencyClaim("key:a", "same", SHA, UUID.randomUUID(), T0)))
        .isTrue();
    assertThat(keys.claim(new IdempotencyClaim("key:b", "same", SHA, UUID.randomUUID(), T0)))
        .isTrue();
  }

  @Test
  void a_released_key_can_be_claimed_again_and_old_keys_expire() {
    keys.claim(new IdempotencyClaim("key:a", "k", SHA, UUID.randomUUID(), T0));
    keys.release("key:a", "k");
    assertThat(keys.claim(new IdempotencyClaim("key:a", "k", SHA, UUID.randomUUID(), T0))).isTrue();
    keys.claim(new IdempotencyClaim("key:a", "newer", SHA, UUID.randomUUID(), T0.plusSeconds(60)));

    assertThat(keys.deleteOlderThan(T0.plusSeconds(30))).isEqualTo(1);
    assertThat(keys.find("key:a", "k")).isEmpty();
    assertThat(keys.find("key:a", "newer")).isPresent();
  }

  @Test
  void of_eight_racing_claims_exactly_one_wins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> racers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        racers.add(
            () -> keys.claim(new IdempotencyClaim("key:a", "race", SHA, UUID.randomUUID(), T0)));
      }
      int won = 0;
      for (Future<Boolean> result : pool.invokeAll(racers)) {
        won += result.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
  }
}
