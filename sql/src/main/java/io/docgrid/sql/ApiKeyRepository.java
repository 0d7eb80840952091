package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.API_KEYS;

import io.docgrid.sql.model.ApiKey;
import io.docgrid.sql.model.NewApiKey;
import io.docgrid.sql.schema.tables.records.ApiKeysRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Stores API keys. Every change is conditional, so the boolean and optional results say whether
 * this call made it.
 */
public final class ApiKeyRepository {

  /** The scope that lets a key manage other keys. */
  public static final String ADMIN_SCOPE = "admin";

  private static final Object H2_INSERT_IF_NONE_LOCK = new Object();

  private final DSLContext dsl;

  public ApiKeyRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Stores {@code key}, never used and not revoked, and returns it as stored.
   *
   * @throws org.jooq.exception.DataAccessException if another key has the same id or prefix
   */
  public ApiKey insert(NewApiKey key) {
    return toApiKey(insertQuery(dsl, key).returning().fetchSingle());
  }

  public Optional<ApiKey> findByPrefix(String prefix) {
    return dsl.selectFrom(API_KEYS)
        .where(API_KEYS.PREFIX.eq(prefix))
        .fetchOptional()
        .map(ApiKeyRepository::toApiKey);
  }

  public Optional<ApiKey> findById(UUID id) {
    return dsl.selectFrom(API_KEYS)
        .where(API_KEYS.ID.eq(id))
        .fetchOptional()
        .map(ApiKeyRepository::toApiKey);
  }

  /** Every key, revoked and expired ones included, newest first. */
  public List<ApiKey> listNewestFirst() {
    return dsl.selectFrom(API_KEYS)
        .orderBy(API_KEYS.CREATED_AT.desc(), API_KEYS.ID.desc())
        .fetch(ApiKeyRepository::toApiKey);
  }

  public long count() {
    return dsl.fetchCount(API_KEYS);
  }

  /** Revokes the key as of {@code at}, unless it is already revoked. */
  public boolean revoke(UUID id, Instant at) {
    return dsl.update(API_KEYS)
            .set(API_KEYS.REVOKED_AT, utc(at))
            .where(API_KEYS.ID.eq(id), API_KEYS.REVOKED_AT.isNull())
            .execute()
        == 1;
  }

  /**
   * Gives a key a new prefix and secret, keeping everything else; the old secret stops working.
   *
   * @return the key as updated, or empty if there is no such key, or it is revoked, or it has
   *     expired at {@code at}
   * @throws org.jooq.exception.DataAccessException if another key already has {@code newPrefix}
   */
  public Optional<ApiKey> rotate(UUID id, String newPrefix, String newSecretSha256, Instant at) {
    Objects.requireNonNull(newPrefix, "newPrefix");
    Objects.requireNonNull(newSecretSha256, "newSecretSha256");
    // An update, then a read, rather than UPDATE ... RETURNING: H2 runs that as a query on
    // FINAL TABLE (UPDATE ...), and when it fails on the unique prefix H2 (2.2 to 2.5) keeps the
    // half-made change, locked, instead of rolling it back.
    return dsl.transactionResult(
        transaction -> {
          DSLContext tx = transaction.dsl();
          int updated =
              tx.update(API_KEYS)
                  .set(API_KEYS.PREFIX, newPrefix)
                  .set(API_KEYS.SECRET_SHA256, newSecretSha256)
                  .where(
                      API_KEYS.ID.eq(id),
                      API_KEYS.REVOKED_AT.isNull(),
                      API_KEYS.EXPIRES_AT.isNull().or(API_KEYS.EXPIRES_AT.gt(utc(at))))
                  .execute();
          return updated == 1
              ? tx.selectFrom(API_KEYS)
                  .where(API_KEYS.ID.eq(id))
                  .fetchOptional()
                  .map(ApiKeyRepository::toApiKey)
              : Optional.<ApiKey>empty();
        });
  }

  /**
   * Records when each key was last used, in one batch. A time earlier than the one stored is
   * ignored, so nodes reporting out of order never move it back; unknown keys are skipped.
   */
  public void recordLastUsed(Map<UUID, Instant> lastUse) {
    if (lastUse.isEmpty()) {
      return;
    }
    // One statement, bound once per key: last_used_at, id, then last_used_at again.
    OffsetDateTime placeholder = null;
    BatchBindStep batch =
        dsl.batch(
            dsl.update(API_KEYS)
                .set(API_KEYS.LAST_USED_AT, placeholder)
                .where(
                    API_KEYS.ID.eq((UUID) null),
                    API_KEYS.LAST_USED_AT.isNull().or(API_KEYS.LAST_USED_AT.lt(placeholder))));
    // In id order, so that two nodes updating the same keys lock them in the same order.
    List<UUID> ids = lastUse.keySet().stream().sorted().toList();
    for (UUID id : ids) {
      OffsetDateTime at = utc(Objects.requireNonNull(lastUse.get(id), "lastUse of " + id));
      batch = batch.bind(at, id, at);
    }
    batch.execute();
  }

  /**
   * Stores {@code key} only if no key that is not revoked has the {@value #ADMIN_SCOPE} scope, as
   * when creating the first admin key at start-up. Nodes starting together store one key between
   * them.
   *
   * @return whether {@code key} was stored
   */
  public boolean insertIfNone(NewApiKey key) {
    if (dsl.dialect().family() == SQLDialect.POSTGRES) {
      return insertIfNoAdminKey(key);
    }
    // H2 has no LOCK TABLE, but only one process opens an H2 database: a lock in this JVM does.
    synchronized (H2_INSERT_IF_NONE_LOCK) {
      return insertIfNoAdminKey(key);
    }
  }

  private boolean insertIfNoAdminKey(NewApiKey key) {
    return dsl.transactionResult(
        transaction -> {
          DSLContext tx = transaction.dsl();
          if (tx.dialect().family() == SQLDialect.POSTGRES) {
            // Conflicts with itself and with every write to api_keys, though not with reads: nodes
            // sharing the database check and insert one at a time, until the commit.
            tx.execute("lock table {0} in share row exclusive mode", API_KEYS);
          }
          if (tx.fetchExists(API_KEYS, API_KEYS.REVOKED_AT.isNull(), hasScope(ADMIN_SCOPE))) {
            return false;
          }
          insertQuery(tx, key).execute();
          return true;
        });
  }

  private static Condition hasScope(String scope) {
    // Padding both sides with the separator matches whole scopes only: not "admins" for "admin".
    return DSL.concat(DSL.inline(" "), API_KEYS.SCOPES, DSL.inline(" ")).like("% " + scope + " %");
  }

  private static InsertSetMoreStep<ApiKeysRecord> insertQuery(DSLContext dsl, NewApiKey key) {
    return dsl.insertInto(API_KEYS)
        .set(API_KEYS.ID, key.id())
        .set(API_KEYS.PREFIX, key.prefix())
        .set(API_KEYS.SECRET_SHA256, key.secretSha256())
        .set(API_KEYS.NAME, key.name())
        .set(API_KEYS.TIER, key.tier())
        .set(API_KEYS.SCOPES, String.join(" ", key.scopes()))
        .set(API_KEYS.OWNER, key.owner())
        .set(API_KEYS.CREATED_AT, utc(key.createdAt()))
        .set(API_KEYS.EXPIRES_AT, utc(key.expiresAt()));
  }

  private static Set<String> scopes(String stored) {
    return Arrays.stream(stored.split(" "))
        .filter(scope -> !scope.isEmpty())
        .collect(Collectors.toSet());
  }

  private static ApiKey toApiKey(ApiKeysRecord row) {
    return new ApiKey(
        row.getId(),
        row.getPrefix(),
        row.getSecretSha256(),
        row.getName(),
        row.getTier(),
        scopes(row.getScopes()),
        row.getOwner(),
        instant(row.getCreatedAt()),
        instant(row.getLastUsedAt()),
        instant(row.getExpiresAt()),
        instant(row.getRevokedAt()));
  }
}
