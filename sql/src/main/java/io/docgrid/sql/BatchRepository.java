package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.BATCHES;
import static io.docgrid.sql.schema.Tables.JOBS;

import io.docgrid.sql.model.Batch;
import io.docgrid.sql.model.BatchCounts;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobCursor;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.schema.tables.records.BatchesRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Stores batches and reads their jobs. A batch is created open, its jobs are stored with its id,
 * and then it is sealed with their number; {@link #completeIfEnded} marks it complete once that
 * many of its jobs have ended, by one conditional update, so that exactly one caller wins.
 */
public final class BatchRepository {

  private static final List<String> ENDED =
      List.of(
          JobStatus.SUCCEEDED.wireName(),
          JobStatus.FAILED.wireName(),
          JobStatus.CANCELLED.wireName());

  private final DSLContext dsl;

  public BatchRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Stores a batch whose jobs are about to be created. */
  public Batch insertOpen(UUID id, String owner, Instant createdAt) {
    dsl.insertInto(BATCHES)
        .set(BATCHES.ID, id)
        .set(BATCHES.OWNER, owner)
        .set(BATCHES.CREATED_AT, utc(createdAt))
        .set(BATCHES.TOUCHED_AT, utc(createdAt))
        .execute();
    return findById(id).orElseThrow();
  }

  /** Records that the node creating the batch's jobs is still at it. */
  public void touch(UUID id, Instant at) {
    dsl.update(BATCHES)
        .set(BATCHES.TOUCHED_AT, utc(at))
        .where(BATCHES.ID.eq(id), BATCHES.JOB_COUNT.isNull())
        .execute();
  }

  /**
   * Seals batches still open and untouched since before {@code untouchedSince} with the jobs they
   * have: their node stopped while creating them. Returns the batches this call sealed.
   */
  public List<UUID> sealAbandoned(Instant untouchedSince, int limit) {
    List<UUID> abandoned =
        dsl.select(BATCHES.ID)
            .from(BATCHES)
            .where(BATCHES.JOB_COUNT.isNull(), BATCHES.TOUCHED_AT.lt(utc(untouchedSince)))
            .orderBy(BATCHES.TOUCHED_AT.asc())
            .limit(limit)
            .fetch(BATCHES.ID);
    List<UUID> sealed = new ArrayList<>();
    for (UUID id : abandoned) {
      var created = DSL.select(DSL.count()).from(JOBS).where(JOBS.BATCH_ID.eq(id)).asField();
      int updated =
          dsl.update(BATCHES)
              .set(BATCHES.JOB_COUNT, created.cast(Integer.class))
              .where(
                  BATCHES.ID.eq(id),
                  BATCHES.JOB_COUNT.isNull(),
                  BATCHES.TOUCHED_AT.lt(utc(untouchedSince)))
              .execute();
      if (updated == 1) {
        sealed.add(id);
      }
    }
    return sealed;
  }

  /** Records that the batch has {@code jobCount} jobs, all stored. */
  public void seal(UUID id, int jobCount) {
    dsl.update(BATCHES).set(BATCHES.JOB_COUNT, jobCount).where(BATCHES.ID.eq(id)).execute();
  }

  public Optional<Batch> findById(UUID id) {
    return dsl.selectFrom(BATCHES)
        .where(BATCHES.ID.eq(id))
        .fetchOptional()
        .map(BatchRepository::toBatch);
  }

  /** How many of the batch's jobs are in each status. */
  public BatchCounts counts(UUID id) {
    Map<JobStatus, Integer> byStatus = new EnumMap<>(JobStatus.class);
    dsl.select(JOBS.STATUS, DSL.count())
        .from(JOBS)
        .where(JOBS.BATCH_ID.eq(id))
        .groupBy(JOBS.STATUS)
        .forEach(row -> byStatus.put(JobStatus.fromWireName(row.value1()), row.value2()));
    return BatchCounts.of(byStatus);
  }

  /**
   * Up to {@code limit} of the batch's jobs, newest first, strictly after {@code after} when
   * present; paged like the job listing.
   */
  public List<Job> listJobs(UUID id, int limit, Optional<JobCursor> after) {
    return dsl.selectFrom(JOBS)
        .where(JOBS.BATCH_ID.eq(id), JobRepository.newestFirstAfter(after))
        .orderBy(JOBS.CREATED_AT.desc(), JOBS.ID.desc())
        .limit(limit)
        .fetch(JobRepository::toJob);
  }

  /** The ids of the batch's jobs that have not ended. */
  public List<UUID> unfinishedJobIds(UUID id) {
    return dsl.select(JOBS.ID)
        .from(JOBS)
        .where(JOBS.BATCH_ID.eq(id), JOBS.STATUS.notIn(ENDED))
        .orderBy(JOBS.CREATED_AT, JOBS.ID)
        .fetch(JOBS.ID);
  }

  /**
   * Marks the batch complete at {@code at} if it is sealed, not complete yet, and all its jobs have
   * ended; true for the one call that did so.
   */
  public boolean completeIfEnded(UUID id, Instant at) {
    var ended =
        DSL.select(DSL.count())
            .from(JOBS)
            .where(JOBS.BATCH_ID.eq(id), JOBS.STATUS.in(ENDED))
            .asField();
    return dsl.update(BATCHES)
            .set(BATCHES.COMPLETED_AT, utc(at))
            .where(
                BATCHES.ID.eq(id),
                BATCHES.COMPLETED_AT.isNull(),
                BATCHES.JOB_COUNT.isNotNull(),
                BATCHES.JOB_COUNT.eq(ended.cast(Integer.class)))
            .execute()
        == 1;
  }

  private static Batch toBatch(BatchesRecord row) {
    return new Batch(
        row.getId(),
        row.getOwner(),
        row.getJobCount(),
        instant(row.getCreatedAt()),
        instant(row.getCompletedAt()));
  }
}
