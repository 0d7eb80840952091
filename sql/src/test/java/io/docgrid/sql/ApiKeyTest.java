package io.docgrid.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.sql.model.ApiKey;
import io.docgrid.sql.model.NewApiKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ApiKeyTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  @Test
  void a_key_is_active_until_it_expires() {
    ApiKey key = key(T0.plusSeconds(60), null);

    assertThat(key.isActive(T0)).isTrue();
    assertThat(key.isActive(T0.plusSeconds(60).minusNanos(1))).isTrue();
    assertThat(key.isActive(T0.plusSeconds(60))).isFalse();
    assertThat(key(null, null).isActive(Instant.MAX)).isTrue();
  }

  @Test
  void a_revoked_key_is_not_active_even_before_it_expires() {
    assertThat(key(T0.plusSeconds(60), T0).isActive(T0.minusSeconds(1))).isFalse();
    assertThat(key(null, T0).isActive(T0)).isFalse();
  }

  @Test
  void scopes_are_an_immutable_sorted_copy() {
    Set<String> scopes = new HashSet<>(Set.of("jobs:write", "admin", "jobs:read"));

    ApiKey key = key(scopes);
    scopes.add("usage:read");

    assertThat(key.scopes()).containsExactly("admin", "jobs:read", "jobs:write");
    assertThatThrownBy(() -> key.scopes().add("root"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jobs read", "jobs\tread", " admin"})
  void a_scope_that_would_not_read_back_from_its_stored_form_is_rejected(String scope) {
    assertThatThrownBy(() -> key(Set.of("admin", scope)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + scope + "'");
  }

  @Test
  void a_new_key_keeps_microseconds_of_its_times() {
    NewApiKey key =
        new NewApiKey(
            UUID.randomUUID(),
            "dg_1",
            "0".repeat(64),
            "test",
            "FREE",
            Set.of(),
            "anonymous",
            Instant.parse("2026-03-01T10:15:30.123456789Z"),
            Instant.parse("2026-04-01T10:15:30.999999999Z"));

    assertThat(key.createdAt()).isEqualTo(T0);
    assertThat(key.expiresAt()).isEqualTo(Instant.parse("2026-04-01T10:15:30.999999Z"));
  }

  private static ApiKey key(Instant expiresAt, Instant revokedAt) {
    return new ApiKey(
        UUID.randomUUID(),
        "dg_1",
        "0".repeat(64),
        "test",
        "FREE",
        Set.of("jobs:read"),
        "anonymous",
        T0,
        null,
        expiresAt,
        revokedAt);
  }

  private static ApiKey key(Set<String> scopes) {
    return new ApiKey(
        UUID.randomUUID(),
        "dg_1",
        "0".repeat(64),
        "test",
        "FREE",
        scopes,
        "anonymous",
        T0,
        null,
        null,
        null);
  }
}
