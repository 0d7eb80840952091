package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.JOBS;

import io.docgrid.sql.model.JobStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who is running which unfinished job. The API node that dispatches a job first claims its lease,
 * renews it while the job runs, and loses it when it leaves the grid or lets it lapse; the job is
 * then queued again for any API node to claim. Every change is one conditional update, so of two
 * nodes claiming one job exactly one wins.
 */
public final class JobLeaseRepository {

  private static final Condition UNFINISHED =
      JOBS.STATUS.in(JobStatus.QUEUED.wireName(), JobStatus.RUNNING.wireName());

  private final DSLContext dsl;

  public JobLeaseRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Gives {@code owner} the lease of an unfinished job nobody else holds (or whose lease expired),
   * until {@code expiresAt}; false if another node holds it or the job has ended. The holder may
   * claim again, which extends its lease.
   */
  public boolean claim(UUID jobId, String owner, Instant now, Instant expiresAt) {
    return dsl.update(JOBS)
            .set(JOBS.LEASE_OWNER, owner)
            .set(JOBS.LEASE_EXPIRES_AT, utc(expiresAt))
            .where(
                JOBS.ID.eq(jobId),
                UNFINISHED,
                JOBS.LEASE_OWNER
                    .isNull()
                    .or(JOBS.LEASE_OWNER.eq(owner))
                    .or(JOBS.LEASE_EXPIRES_AT.lt(utc(now))))
            .execute()
        == 1;
  }

  /** Extends the leases {@code owner} still holds among {@code jobIds}; returns how many. */
  public int renew(String owner, Collection<UUID> jobIds, Instant expiresAt) {
    if (jobIds.isEmpty()) {
      return 0;
    }
    return dsl.update(JOBS)
        .set(JOBS.LEASE_EXPIRES_AT, utc(expiresAt))
        .where(JOBS.LEASE_OWNER.eq(owner), JOBS.ID.in(jobIds), UNFINISHED)
        .execute();
  }

  /** Whether {@code owner} holds the lease of this unfinished job. */
  public boolean holds(UUID jobId, String owner) {
    return dsl.fetchExists(JOBS, JOBS.ID.eq(jobId), JOBS.LEASE_OWNER.eq(owner), UNFINISHED);
  }

  /** Gives a lease back without running the job, which stays queued for any node to claim. */
  public boolean release(UUID jobId, String owner) {
    return dsl.update(JOBS)
            .setNull(JOBS.LEASE_OWNER)
            .setNull(JOBS.LEASE_EXPIRES_AT)
            .where(JOBS.ID.eq(jobId), JOBS.LEASE_OWNER.eq(owner))
            .execute()
        == 1;
  }

  /**
   * Queues again every unfinished job that no live node holds: leased by a node not in {@code
   * liveOwners}, running without a lease (left by a version or a run that had none), or leased past
   * its expiry. Their progress starts over. Returns the ids queued again.
   */
  public List<UUID> requeueOrphans(Collection<String> liveOwners, Instant now) {
    Condition orphaned =
        JOBS.LEASE_OWNER
            .notIn(liveOwners)
            .or(JOBS.LEASE_EXPIRES_AT.lt(utc(now)))
            .or(JOBS.LEASE_OWNER.isNull().and(JOBS.STATUS.eq(JobStatus.RUNNING.wireName())));
    return dsl.transactionResult(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          List<UUID> ids =
              tx.select(JOBS.ID).from(JOBS).where(UNFINISHED, orphaned).forUpdate().fetch(JOBS.ID);
          if (ids.isEmpty()) {
            return ids;
          }
          tx.update(JOBS)
              .set(JOBS.STATUS, JobStatus.QUEUED.wireName())
              .setNull(JOBS.NODE_ID)
              .setNull(JOBS.LEASE_OWNER)
              .setNull(JOBS.LEASE_EXPIRES_AT)
              .set(JOBS.PAGES_DONE, 0)
              .set(JOBS.PAGES_FAILED, 0)
              .set(JOBS.PAGES_OCR, 0)
              .set(JOBS.UPDATED_AT, utc(now))
              .where(JOBS.ID.in(ids), UNFINISHED, orphaned)
              .execute();
          return ids;
        });
  }

  /**
   * Queued jobs that nobody holds, oldest first: what an API node may claim and dispatch. Jobs
   * waiting for an identical job's result (followers) are not dispatched on their own.
   */
  public List<UUID> findClaimable(Instant now, int limit) {
    return dsl.select(JOBS.ID)
        .from(JOBS)
        .where(
            JOBS.STATUS.eq(JobStatus.QUEUED.wireName()),
            JOBS.FOLLOWS_JOB_ID.isNull(),
            JOBS.LEASE_OWNER.isNull().or(JOBS.LEASE_EXPIRES_AT.lt(utc(now))))
        .orderBy(JOBS.CREATED_AT.asc(), JOBS.ID.asc())
        .limit(limit)
        .fetch(JOBS.ID);
  }
}
