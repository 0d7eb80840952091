package io.docgrid.api.keys;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.auth.Scope;
import io.docgrid.sql.model.ApiKey;
import java.time.Instant;
import java.util.List;

/** What the key routes answer. A stored key's hash never leaves the server; its secret once. */
public final class KeyViews {

  private KeyViews() {}

  /** A stored key. {@code status} is active, revoked or expired. */
  public record KeyView(
      String id,
      String prefix,
      String name,
      String tier,
      List<String> scopes,
      String owner,
      String status,
      Instant createdAt,
      Instant lastUsedAt,
      Instant expiresAt,
      Instant revokedAt) {

    static KeyView of(ApiKey key, Instant now) {
      String status =
          key.revokedAt() != null ? "revoked" : key.isActive(now) ? "active" : "expired";
      return new KeyView(
          key.id().toString(),
          key.prefix(),
          key.name(),
          key.tier(),
          List.copyOf(key.scopes()),
          key.owner(),
          status,
          key.createdAt(),
          key.lastUsedAt(),
          key.expiresAt(),
          key.revokedAt());
    }
  }

  /** A key just created or rotated: {@code key} is the secret, shown only in this response. */
  public record CreatedKey(
      String id,
      String prefix,
      String key,
      String name,
      String tier,
      List<String> scopes,
      String owner,
      Instant createdAt,
      Instant expiresAt) {

    static CreatedKey of(KeyIssuer.IssuedKey issued) {
      ApiKey key = issued.key();
      return new CreatedKey(
          key.id().toString(),
          key.prefix(),
          issued.secret().reveal(),
          key.name(),
          key.tier(),
          List.copyOf(key.scopes()),
          key.owner(),
          key.createdAt(),
          key.expiresAt());
    }
  }

  public record KeyList(List<KeyView> keys) {}

  /** The caller as the server sees it; {@code key} is set when the caller used an API key. */
  public record Caller(String principal, String tier, List<String> scopes, KeyView key) {

    static Caller of(Principal principal, KeyView key) {
      return new Caller(
          principal.id(),
          principal.tier().name(),
          principal.scopes().stream().map(Scope::wireName).sorted().toList(),
          key);
    }
  }
}
