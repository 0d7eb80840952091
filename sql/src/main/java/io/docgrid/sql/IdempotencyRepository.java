package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.IDEMPOTENCY_KEYS;

import io.docgrid.sql.model.IdempotencyClaim;
import io.docgrid.sql.schema.tables.records.IdempotencyKeysRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Stores Idempotency-Keys. Claiming is one conditional insert on the primary key (owner, key), so
 * of two requests racing with one key, on one node or two, exactly one wins.
 */
public final class IdempotencyRepository {

  private final DSLContext dsl;

  public IdempotencyRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Stores the claim unless the owner used the key already; returns whether it was stored. */
  public boolean claim(IdempotencyClaim claim) {
    try {
      return insert(claim);
    } catch (IntegrityConstraintViolationException lostTheRace) {
      // H2 runs ON CONFLICT DO NOTHING as a MERGE, which a concurrent insert can still beat.
      return false;
    }
  }

  private boolean insert(IdempotencyClaim claim) {
    return dsl.insertInto(IDEMPOTENCY_KEYS)
            .set(IDEMPOTENCY_KEYS.OWNER, claim.owner())
            .set(IDEMPOTENCY_KEYS.IDEM_KEY, claim.key())
            .set(IDEMPOTENCY_KEYS.REQUEST_SHA256, claim.requestSha256())
            .set(IDEMPOTENCY_KEYS.JOB_ID, claim.jobId())
            .set(IDEMPOTENCY_KEYS.CREATED_AT, utc(claim.createdAt()))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  public Optional<IdempotencyClaim> find(String owner, String key) {
    return dsl.selectFrom(IDEMPOTENCY_KEYS)
        .where(IDEMPOTENCY_KEYS.OWNER.eq(owner), IDEMPOTENCY_KEYS.IDEM_KEY.eq(key))
        .fetchOptional()
        .map(IdempotencyRepository::toClaim);
  }

  /** Gives a key back, when the request that claimed it failed before making its job. */
  public void release(String owner, String key) {
    dsl.deleteFrom(IDEMPOTENCY_KEYS)
        .where(IDEMPOTENCY_KEYS.OWNER.eq(owner), IDEMPOTENCY_KEYS.IDEM_KEY.eq(key))
        .execute();
  }

  public int deleteOlderThan(Instant cutoff) {
    return dsl.deleteFrom(IDEMPOTENCY_KEYS)
        .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(utc(cutoff)))
        .execute();
  }

  private static IdempotencyClaim toClaim(IdempotencyKeysRecord row) {
    return new IdempotencyClaim(
        row.getOwner(),
        row.getIdemKey(),
        row.getRequestSha256(),
        row.getJobId(),
        instant(row.getCreatedAt()));
  }
}
