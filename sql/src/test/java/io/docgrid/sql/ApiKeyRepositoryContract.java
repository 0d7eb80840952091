package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.sql.model.ApiKey;
import io.docgrid.sql.model.NewApiKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link ApiKeyRepository} must do. Subclasses open a migrated {@link
 * Database} once per class; each test starts from an empty api_keys table.
 */
abstract class ApiKeyRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
  private static final String SHA256 =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String OTHER_SHA256 =
      "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
  private static final String OWNER = "oauth:https://id.example.com#alice";

  private ApiKeyRepository keys;
  private int prefixes;

  protected abstract Database database();

  @BeforeEach
  void start_from_an_empty_table() {
    database().dsl().deleteFrom(API_KEYS).execute();
    keys = new ApiKeyRepository(database().dsl());
  }

  @Test
  void insert_stores_a_key_never_used_nor_revoked_and_finds_it_by_prefix_and_by_id() {
    NewApiKey request =
        new NewApiKey(
            UUID.randomUUID(),
            "dg_live_7Hq2",
            SHA256,
            "CI pipeline",
            "PRO",
            Set.of("jobs:write", "admin", "jobs:read"),
            OWNER,
            Instant.parse("2026-03-01T10:15:30.123456789Z"),
            T0.plusSeconds(86_400));

    ApiKey stored = keys.insert(request);

    assertThat(stored)
        .isEqualTo(
            new ApiKey(
                request.id(),
                "dg_live_7Hq2",
                SHA256,
                "CI pipeline",
                "PRO",
                Set.of("admin", "jobs:read", "jobs:write"),
                OWNER,
                T0,
                null,
                T0.plusSeconds(86_400),
                null));
    assertThat(stored.scopes()).containsExactly("admin", "jobs:read", "jobs:write");
    assertThat(keys.findByPrefix("dg_live_7Hq2")).contains(stored);
    assertThat(keys.findById(request.id())).contains(stored);
  }

  @Test
  void insert_keeps_a_key_without_scopes_that_never_expires() {
    ApiKey stored = keys.insert(newKey(T0, Set.of(), null));

    assertThat(stored.scopes()).isEmpty();
    assertThat(stored.expiresAt()).isNull();
    assertThat(keys.findById(stored.id())).contains(stored);
  }

  @Test
  void find_is_empty_for_an_unknown_prefix_or_id() {
    keys.insert(newKey(T0));

    assertThat(keys.findByPrefix("dg_unknown")).isEmpty();
    assertThat(keys.findById(UUID.randomUUID())).isEmpty();
  }

  @Test
  void insert_of_a_prefix_another_key_has_is_rejected_and_stores_nothing() {
    ApiKey first = keys.insert(newKey(T0));
    NewApiKey clash =
        new NewApiKey(
            UUID.randomUUID(),
            first.prefix(),
            OTHER_SHA256,
            "clash",
            "FREE",
            Set.of("jobs:read"),
            OWNER,
            T0,
            null);

    assertThatThrownBy(() -> keys.insert(clash)).isInstanceOf(DataAccessException.class);

    assertThat(keys.count()).isEqualTo(1);
    assertThat(keys.findByPrefix(first.prefix())).contains(first);
  }

  @Test
  void list_newest_first_returns_every_key_revoked_ones_included() {
    ApiKey oldest = keys.insert(newKey(T0));
    ApiKey newest = keys.insert(newKey(T0.plusSeconds(2)));
    ApiKey middle = keys.insert(newKey(T0.plusSeconds(1)));
    keys.revoke(middle.id(), T0.plusSeconds(3));

    assertThat(keys.listNewestFirst())
        .extracting(ApiKey::id)
        .containsExactly(newest.id(), middle.id(), oldest.id());
    assertThat(keys.count()).isEqualTo(3);
  }

  @Test
  void revoke_sets_the_time_once_and_a_second_revoke_changes_nothing() {
    ApiKey key = keys.insert(newKey(T0));

    assertThat(keys.revoke(key.id(), T0.plusSeconds(1))).isTrue();
    assertThat(keys.revoke(key.id(), T0.plusSeconds(2))).isFalse();

    ApiKey revoked = keys.findById(key.id()).orElseThrow();
    assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(revoked.isActive(T0.plusSeconds(1))).isFalse();
    assertThat(keys.revoke(UUID.randomUUID(), T0)).isFalse();
  }

  @Test
  void rotate_replaces_prefix_and_secret_and_keeps_the_rest() {
    ApiKey key = keys.insert(newKey(T0, Set.of("jobs:read"), T0.plusSeconds(3600)));
    keys.recordLastUsed(Map.of(key.id(), T0.plusSeconds(5)));

    ApiKey rotated =
        keys.rotate(key.id(), "dg_rotated", OTHER_SHA256, T0.plusSeconds(10)).orElseThrow();

    assertThat(rotated)
        .isEqualTo(
            new ApiKey(
                key.id(),
                "dg_rotated",
                OTHER_SHA256,
                key.name(),
                key.tier(),
                key.scopes(),
                key.owner(),
                key.createdAt(),
                T0.plusSeconds(5),
                T0.plusSeconds(3600),
                null));
    assertThat(keys.findByPrefix("dg_rotated")).contains(rotated);
    assertThat(keys.findByPrefix(key.prefix())).isEmpty();
  }

  @Test
  void rotate_of_a_revoked_expired_or_unknown_key_is_empty_and_changes_nothing() {
    ApiKey revoked = keys.insert(newKey(T0));
    keys.revoke(revoked.id(), T0.plusSeconds(1));
    ApiKey revokedAsStored = keys.findById(revoked.id()).orElseThrow();
    ApiKey expiring = keys.insert(newKey(T0, Set.of("jobs:read"), T0.plusSeconds(60)));

    assertThat(keys.rotate(revoked.id(), "dg_new_1", OTHER_SHA256, T0.plusSeconds(2))).isEmpty();
    assertThat(keys.rotate(expiring.id(), "dg_new_2", OTHER_SHA256, T0.plusSeconds(60))).isEmpty();
    assertThat(keys.rotate(UUID.randomUUID(), "dg_new_3", OTHER_SHA256, T0)).isEmpty();

    assertThat(keys.findById(revoked.id())).contains(revokedAsStored);
    assertThat(keys.findById(expiring.id())).contains(expiring);
    assertThat(keys.rotate(expiring.id(), "dg_new_2", OTHER_SHA256, T0.plusSeconds(59)))
        .isPresent();
  }

  @Test
  void rotate_to_a_prefix_another_key_has_is_rejected() {
    ApiKey first = keys.insert(newKey(T0));
    ApiKey second = keys.insert(newKey(T0));

    assertThatThrownBy(() -> keys.rotate(second.id(), first.prefix(), OTHER_SHA256, T0))
        .isInstanceOf(DataAccessException.class);

    assertThat(keys.findById(second.id())).contains(second);
  }

  @Test
  void record_last_used_only_ever_moves_the_time_forward() {
    ApiKey used = keys.insert(newKey(T0));
    ApiKey unused = keys.insert(newKey(T0));
    ApiKey other = keys.insert(newKey(T0));

    keys.recordLastUsed(
        Map.of(
            used.id(), T0.plusSeconds(10), other.id(), T0.plusSeconds(5), UUID.randomUUID(), T0));
    // A node that reports late, with times older than the ones stored for two of the keys.
    keys.recordLastUsed(
        Map.of(
            used.id(),
            T0.plusSeconds(7),
            other.id(),
            T0.plusSeconds(5),
            unused.id(),
            T0.plusSeconds(1)));
    keys.recordLastUsed(Map.of());

    assertThat(keys.findById(used.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(keys.findById(other.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(keys.findById(unused.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(1));

    keys.recordLastUsed(Map.of(used.id(), T0.plusSeconds(11)));
    assertThat(keys.findById(used.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(11));
  }

  @Test
  void insert_if_none_stores_the_key_when_no_key_has_the_admin_scope() {
    keys.insert(newKey(T0, Set.of("jobs:read", "admins", "administrator"), null));
    NewApiKey admin = newAdminKey();

    assertThat(keys.insertIfNone(admin)).isTrue();

    assertThat(keys.findById(admin.id())).isPresent();
    assertThat(keys.count()).isEqualTo(2);
  }

  @Test
  void insert_if_none_does_nothing_while_an_admin_key_is_not_revoked() {
    keys.insert(newKey(T0, Set.of("jobs:read", "admin", "jobs:write"), null));
    NewApiKey admin = newAdminKey();

    assertThat(keys.insertIfNone(admin)).isFalse();

    assertThat(keys.findById(admin.id())).isEmpty();
    assertThat(keys.count()).isEqualTo(1);
  }

  @Test
  void insert_if_none_stores_the_key_when_the_only_admin_key_is_revoked() {
    ApiKey old = keys.insert(newKey(T0, Set.of("admin"), null));
    keys.revoke(old.id(), T0.plusSeconds(1));
    NewApiKey admin = newAdminKey();

    assertThat(keys.insertIfNone(admin)).isTrue();

    assertThat(keys.findById(admin.id())).isPresent();
    assertThat(keys.insertIfNone(newAdminKey())).isFalse();
  }

  @Test
  void insert_if_none_called_by_many_nodes_at_once_stores_one_key() throws Exception {
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        NewApiKey admin = newAdminKey();
        Callable<Boolean> call =
            () -> {
              start.await();
              return keys.insertIfNone(admin);
            };
        results.add(pool.submit(call));
      }
      start.countDown();

      int inserted = 0;
      for (Future<Boolean> result : results) {
        inserted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(inserted).isEqualTo(1);
      assertThat(keys.count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private NewApiKey newAdminKey() {
    return newKey(T0, Set.of("admin"), null);
  }

  private NewApiKey newKey(Instant createdAt) {
    return newKey(createdAt, Set.of("jobs:read", "jobs:write"), null);
  }

  private NewApiKey newKey(Instant createdAt, Set<String> scopes, Instant expiresAt) {
    prefixes++;
    return new NewApiKey(
        UUID.randomUUID(),
        "dg_test_" + prefixes,
        SHA256,
        "key " + prefixes,
        "FREE",
        scopes,
        OWNER,
        createdAt,
        expiresAt);
  }
}
