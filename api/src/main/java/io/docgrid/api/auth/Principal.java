package io.docgrid.api.auth;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller of one request.
 *
 * @param id stable identity, also the owner of the caller's jobs: {@code key:<uuid>}, {@code
 *     oauth:<issuer>#<subject>} or {@code anonymous}
 * @param keyId the API key used, or null for tokens and anonymous callers
 * @param rateLimitKey what the caller's rate limits are counted against (anonymous callers are
 *     counted per client address)
 */
public record Principal(String id, UUID keyId, Tier tier, Set<Scope> scopes, String rateLimitKey) {

  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tier, "tier");
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    Objects.requireNonNull(rateLimitKey, "rateLimitKey");
  }

  public static Principal ofKey(UUID keyId, Tier tier, Set<Scope> scopes) {
    String id = "key:" + keyId;
    return new Principal(id, keyId, tier, scopes, id);
  }

  public static Principal ofToken(String issuer, String subject, Set<Scope> scopes) {
    String id = "oauth:" + issuer + "#" + subject;
    return new Principal(id, null, Tier.OAUTH, scopes, id);
  }

  public static Principal anonymous(String clientAddress) {
    return new Principal(
        "anonymous",
        null,
        Tier.FREE,
        Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE),
        "anonymous:" + clientAddress);
  }

  /** The key id inside an owner such as {@code key:<uuid>}, or null for other owners. */
  public static UUID keyIdOf(String owner) {
    if (owner == null || !owner.startsWith("key:")) {
      return null;
    }
    try {
      return UUID.fromString(owner.substring("key:".length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
  }

  public boolean isAdmin() {
    return scopes.contains(Scope.ADMIN);
  }

  /** Whether this caller may see a job or key owned by {@code owner}. */
  public boolean mayAccess(String owner) {
    return isAdmin() || id.equals(owner);
  }
}
