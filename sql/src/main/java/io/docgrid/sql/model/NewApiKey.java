package io.docgrid.sql.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a caller knows about an API key when creating it. Timestamps are truncated to microseconds,
 * the precision that gets stored.
 *
 * @param secretSha256 the lower-case hex SHA-256 of the secret; the secret itself is never stored
 * @param scopes what the key may do; each a non-empty word without whitespace
 * @param expiresAt when the key stops working, or {@code null} if never
 */
public record NewApiKey(
    UUID id,
    String prefix,
    String secretSha256,
    String name,
    String tier,
    Set<String> scopes,
    String owner,
    Instant createdAt,
    Instant expiresAt) {

  public NewApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(secretSha256, "secretSha256");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tier, "tier");
    scopes = Scopes.copyOf(scopes);
    Objects.requireNonNull(owner, "owner");
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
  }
}
