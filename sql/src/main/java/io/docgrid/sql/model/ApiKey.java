package io.docgrid.sql.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One stored API key. Only a SHA-256 of its secret is kept; {@code prefix} is the public part that
 * finds the key. Timestamps are UTC instants at microsecond precision; the nullable ones are unset
 * until the key is used, if it never expires, and until it is revoked.
 *
 * @param scopes what the key may do, as an immutable set in natural order
 */
public record ApiKey(
    UUID id,
    String prefix,
    String secretSha256,
    String name,
    String tier,
    Set<String> scopes,
    String owner,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt,
    Instant revokedAt) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(secretSha256, "secretSha256");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tier, "tier");
    scopes = Scopes.copyOf(scopes);
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether the key may be used at {@code now}: it is not revoked and has not expired. */
  public boolean isActive(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
