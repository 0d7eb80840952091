package io.docgrid.api.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.sql.ApiKeyRepository;
import io.docgrid.sql.model.ApiKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks API keys. Rows are cached by prefix for a short time so that a request does not hit the
 * database; revocation and rotation evict the prefix on every node ({@link #forget}). The secret's
 * hash is compared on every request, in constant time. Who is told a key is revoked or expired:
 * only a caller that presented the right secret.
 */
public final class ApiKeyAuthenticator {

  private final ApiKeyRepository keys;
  private final Clock clock;
  private final LoadingCache<String, Optional<ApiKey>> byPrefix;
  private final Map<UUID, Instant> lastUse = new ConcurrentHashMap<>();

  public ApiKeyAuthenticator(ApiKeyRepository keys, Clock clock, Duration cacheTtl) {
    this.keys = keys;
    this.clock = clock;
    this.byPrefix =
        Caffeine.newBuilder()
            .expireAfterWrite(cacheTtl)
            .maximumSize(10_000)
            .build(keys::findByPrefix);
  }

  public Principal authenticate(String credential) {
    ApiKeySecret presented =
        ApiKeySecret.parse(credential)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.INVALID_CREDENTIALS,
                        "The credential is not an API key of this service."));
    ApiKey key =
        byPrefix
            .get(presented.prefix())
            .filter(stored -> presented.matches(stored.secretSha256()))
            .orElseThrow(
                () -> new ApiException(ErrorCode.INVALID_CREDENTIALS, "The API key is not valid."));
    Instant now = clock.instant();
    if (key.revokedAt() != null) {
      throw new ApiException(ErrorCode.CREDENTIALS_REVOKED, "The API key has been revoked.");
    }
    if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
      throw new ApiException(ErrorCode.CREDENTIALS_EXPIRED, "The API key has expired.");
    }
    lastUse.merge(key.id(), now, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    return principalOf(key);
  }

  public static Principal principalOf(ApiKey key) {
    Tier tier =
        Tier.fromWire(key.tier())
            .orElseThrow(() -> new IllegalStateException("key with unknown tier " + key.tier()));
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    key.scopes().forEach(name -> Scope.fromWire(name).ifPresent(scopes::add));
    return Principal.ofKey(key.id(), tier, scopes);
  }

  /** Drops what this node remembers of a key, after it was revoked or rotated anywhere. */
  public void forget(String prefix) {
    byPrefix.invalidate(prefix);
  }

  /** Writes the last-use times gathered since the previous call; cheap when nothing was used. */
  public void recordLastUse() {
    if (lastUse.isEmpty()) {
      return;
    }
    Map<UUID, Instant> batch = new HashMap<>();
    for (UUID id : Set.copyOf(lastUse.keySet())) {
      Instant at = lastUse.remove(id);
      if (at != null) {
        batch.put(id, at);
      }
    }
    keys.recordLastUsed(batch);
  }
}
