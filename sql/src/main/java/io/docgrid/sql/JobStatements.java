package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.instant;
import static io.docgrid.sql.schema.Tables.JOBS;

import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.PageProgress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The statements every job runs (stored, looked up, counted against its owner's limit, finished),
 * each written with jOOQ once and then run through plain JDBC: see {@link RenderedStatement}.
 */
final class JobStatements {

  final RenderedStatement insert;
  final RenderedStatement findById;
  final RenderedStatement countUnfinishedByOwner;

  /** Finishing a computed job, whose lease the finishing node must still hold. */
  final RenderedStatement succeedComputedLeased;

  /** Finishing a computed job held by nobody in particular. */
  final RenderedStatement succeedComputed;

  /** Finishing a job with a result reused from an identical one. */
  final RenderedStatement succeedReused;

  JobStatements(DSLContext dsl) {
    this.insert =
        RenderedStatement.of(
            dsl,
            dsl.insertInto(JOBS)
                .set(JOBS.STATUS, DSL.inline(JobStatus.QUEUED.wireName()))
                .set(JOBS.ATTEMPTS, DSL.inline(0))
                .set(JOBS.ENDING_TOLD, DSL.inline(false))
                .set(
                    bound(
                        JOBS.ID,
                        JOBS.CREATED_AT,
                        JOBS.UPDATED_AT,
                        JOBS.DOCUMENT_SHA256,
                        JOBS.FILE_NAME,
                        JOBS.MEDIA_TYPE,
                        JOBS.SIZE_BYTES,
                        JOBS.OPTIONS,
                        JOBS.REQUEST_ID,
                        JOBS.OWNER,
                        JOBS.TIER,
                        JOBS.FOLLOWS_JOB_ID,
                        JOBS.LEASE_OWNER,
                        JOBS.LEASE_EXPIRES_AT,
                        JOBS.BATCH_ID,
                        JOBS.SOURCE_URL))
                .returning());
    this.findById =
        RenderedStatement.of(dsl, dsl.selectFrom(JOBS).where(JOBS.ID.eq(param(JOBS.ID))));
    this.countUnfinishedByOwner =
        RenderedStatement.of(
            dsl,
            dsl.selectCount()
                .from(JOBS)
                .where(
                    JOBS.OWNER.eq(param(JOBS.OWNER)),
                    hasStatus(JobStatus.QUEUED, JobStatus.RUNNING)));
    this.succeedComputedLeased = succeed(dsl, true, true);
    this.succeedComputed = succeed(dsl, true, false);
    this.succeedReused = succeed(dsl, false, false);
  }

  private static RenderedStatement succeed(DSLContext dsl, boolean computed, boolean leased) {
    var update =
        dsl.update(JOBS)
            .set(JOBS.STATUS, DSL.inline(JobStatus.SUCCEEDED.wireName()))
            .set(JOBS.CACHE_HIT, DSL.inline(!computed))
            .set(
                bound(
                    JOBS.MEDIA_TYPE,
                    JOBS.PAGE_COUNT,
                    JOBS.DOCUMENT_ENCRYPTED,
                    JOBS.PAGES_TOTAL,
                    JOBS.PAGES_DONE,
                    JOBS.PAGES_FAILED,
                    JOBS.PAGES_OCR,
                    JOBS.FINISHED_AT,
                    JOBS.UPDATED_AT,
                    JOBS.RESULT_SHA256))
            .set(JOBS.ERROR_CODE, DSL.inline((String) null))
            .set(JOBS.ERROR_MESSAGE, DSL.inline((String) null));
    if (computed) {
      // A job still queued here was never marked running: this run is its attempt.
      update =
          update
              .set(
                  JOBS.ATTEMPTS,
                  JOBS.ATTEMPTS.plus(
                      DSL.when(hasStatus(JobStatus.QUEUED), DSL.inline(1))
                          .otherwise(DSL.inline(0))))
              .set(JOBS.STARTED_AT, DSL.coalesce(JOBS.STARTED_AT, param(JOBS.STARTED_AT)))
              .set(JOBS.NODE_ID, DSL.coalesce(JOBS.NODE_ID, param(JOBS.NODE_ID)));
    }
    Condition held = leased ? JOBS.LEASE_OWNER.eq(param(JOBS.LEASE_OWNER)) : DSL.noCondition();
    return RenderedStatement.of(
        dsl,
        update
            .where(JOBS.ID.eq(param(JOBS.ID)), hasStatus(JobStatus.QUEUED, JobStatus.RUNNING), held)
            .returning());
  }

  /** A parameter named after {@code column}, of its type. */
  private static <T> Field<T> param(Field<T> column) {
    return DSL.param(column.getName(), column.getDataType());
  }

  /** Each column set to a parameter named after it. */
  private static Map<Field<?>, Field<?>> bound(Field<?>... columns) {
    Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
    for (Field<?> column : columns) {
      values.put(column, param(column));
    }
    return values;
  }

  private static Condition hasStatus(JobStatus... statuses) {
    return JOBS.STATUS.in(
        Arrays.stream(statuses).map(status -> DSL.inline(status.wireName())).toList());
  }

  /** A job from a row of the jobs table, read by column name. */
  static Job read(ResultSet row) throws SQLException {
    return new Job(
        row.getObject(JOBS.ID.getName(), UUID.class),
        JobStatus.fromWireName(row.getString(JOBS.STATUS.getName())),
        instant(row.getObject(JOBS.CREATED_AT.getName(), OffsetDateTime.class)),
        instant(row.getObject(JOBS.STARTED_AT.getName(), OffsetDateTime.class)),
        instant(row.getObject(JOBS.FINISHED_AT.getName(), OffsetDateTime.class)),
        instant(row.getObject(JOBS.UPDATED_AT.getName(), OffsetDateTime.class)),
        row.getString(JOBS.DOCUMENT_SHA256.getName()),
        row.getString(JOBS.FILE_NAME.getName()),
        row.getString(JOBS.MEDIA_TYPE.getName()),
        row.getLong(JOBS.SIZE_BYTES.getName()),
        row.getString(JOBS.OPTIONS.getName()),
        row.getObject(JOBS.PAGE_COUNT.getName(), Integer.class),
        row.getString(JOBS.ERROR_CODE.getName()),
        row.getString(JOBS.ERROR_MESSAGE.getName()),
        row.getInt(JOBS.ATTEMPTS.getName()),
        row.getString(JOBS.NODE_ID.getName()),
        row.getString(JOBS.REQUEST_ID.getName()),
        new PageProgress(
            row.getObject(JOBS.PAGES_TOTAL.getName(), Integer.class),
            row.getInt(JOBS.PAGES_DONE.getName()),
            row.getInt(JOBS.PAGES_FAILED.getName()),
            row.getInt(JOBS.PAGES_OCR.getName())),
        row.getString(JOBS.OWNER.getName()),
        row.getString(JOBS.TIER.getName()),
        instant(row.getObject(JOBS.PURGED_AT.getName(), OffsetDateTime.class)),
        row.getBoolean(JOBS.CACHE_HIT.getName()),
        row.getObject(JOBS.FOLLOWS_JOB_ID.getName(), UUID.class),
        row.getObject(JOBS.DOCUMENT_ENCRYPTED.getName(), Boolean.class),
        row.getString(JOBS.RESULT_SHA256.getName()),
        row.getObject(JOBS.BATCH_ID.getName(), UUID.class),
        row.getString(JOBS.SOURCE_URL.getName()));
  }
}
