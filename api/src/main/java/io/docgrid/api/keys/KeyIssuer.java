package io.docgrid.api.keys;

import io.docgrid.api.auth.ApiKeySecret;
import io.docgrid.api.auth.Scope;
import io.docgrid.api.auth.Tier;
import io.docgrid.sql.ApiKeyRepository;
import io.docgrid.sql.model.ApiKey;
import io.docgrid.sql.model.NewApiKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Makes new keys: random secrets, only their hashes stored. Needs no running cluster. */
public final class KeyIssuer {

  /** A key just made, with its secret: the only moment the secret exists outside its owner. */
  public record IssuedKey(ApiKey key, ApiKeySecret secret) {}

  private final ApiKeyRepository keys;
  private final SecureRandom random;
  private final Clock clock;

  public KeyIssuer(ApiKeyRepository keys, SecureRandom random, Clock clock) {
    this.keys = keys;
    this.random = random;
    this.clock = clock;
  }

  public IssuedKey issue(
      String name, Tier tier, Set<Scope> scopes, String owner, Instant expiresAt) {
    ApiKeySecret secret = ApiKeySecret.generate(random);
    ApiKey key = keys.insert(newKey(secret, name, tier, scopes, owner, expiresAt));
    return new IssuedKey(key, secret);
  }

  /** An admin key, unless an unrevoked admin key exists already (first start of a cluster). */
  public Optional<IssuedKey> issueFirstAdmin(String name) {
    ApiKeySecret secret = ApiKeySecret.generate(random);
    NewApiKey admin = newKey(secret, name, Tier.ENTERPRISE, Set.of(Scope.ADMIN), "admin", null);
    if (!keys.insertIfNone(admin)) {
      return Optional.empty();
    }
    return keys.findById(admin.id()).map(key -> new IssuedKey(key, secret));
  }

  /** A new secret for an existing, unrevoked key; its id, tier, scopes and jobs stay. */
  public Optional<IssuedKey> rotate(UUID id) {
    ApiKeySecret secret = ApiKeySecret.generate(random);
    return keys.rotate(id, secret.prefix(), secret.secretSha256(), clock.instant())
        .map(key -> new IssuedKey(key, secret));
  }

  private NewApiKey newKey(
      ApiKeySecret secret,
      String name,
      Tier tier,
      Set<Scope> scopes,
      String owner,
      Instant expiresAt) {
    return new NewApiKey(
        UUID.randomUUID(),
        secret.prefix(),
        secret.secretSha256(),
        name,
        tier.name(),
        scopes.stream().map(Scope::wireName).collect(Collectors.toUnmodifiableSet()),
        owner,
        clock.instant(),
        expiresAt);
  }
}
