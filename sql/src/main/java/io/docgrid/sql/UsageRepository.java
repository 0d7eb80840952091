package io.docgrid.sql;

import static io.docgrid.sql.Timestamps.utc;
import static io.docgrid.sql.schema.Tables.USAGE_LOGS;

import io.docgrid.sql.model.DailyUsage;
import io.docgrid.sql.model.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Stores the usage log and sums it up by day. */
public final class UsageRepository {

  private final DSLContext dsl;

  public UsageRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Stores {@code records} in one batch. */
  public void insertBatch(List<UsageRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    // One statement, bound once per record with the values of its columns in this order.
    BatchBindStep batch =
        dsl.batch(
            dsl.insertInto(
                    USAGE_LOGS,
                    USAGE_LOGS.KIND,
                    USAGE_LOGS.OCCURRED_AT,
                    USAGE_LOGS.USAGE_DAY,
                    USAGE_LOGS.KEY_ID,
                    USAGE_LOGS.PRINCIPAL,
                    USAGE_LOGS.TIER,
                    USAGE_LOGS.ROUTE,
                    USAGE_LOGS.METHOD,
                    USAGE_LOGS.STATUS,
                    USAGE_LOGS.BYTES_IN,
                    USAGE_LOGS.BYTES_OUT,
                    USAGE_LOGS.PAGES,
                    USAGE_LOGS.OCR_PAGES,
                    USAGE_LOGS.DURATION_MILLIS,
                    USAGE_LOGS.REQUEST_ID)
                .values(
                    (String) null,
                    (OffsetDateTime) null,
                    (LocalDate) null,
                    (UUID) null,
                    null,
                    null,
                    null,
                    null,
                    (Integer) null,
                    (Long) null,
                    null,
                    null,
                    null,
                    null,
                    null));
    for (UsageRecord record : records) {
      OffsetDateTime occurredAt = utc(record.occurredAt());
      batch =
          batch.bind(
              record.kind(),
              occurredAt,
              occurredAt.toLocalDate(),
              record.keyId(),
              record.principal(),
              record.tier(),
              record.route(),
              record.method(),
              record.status(),
              record.bytesIn(),
              record.bytesOut(),
              record.pages(),
              record.ocrPages(),
              record.durationMillis(),
              record.requestId());
    }
    batch.execute();
  }

  /**
   * What {@code principal} used on each UTC day from {@code fromInclusive} to {@code toInclusive},
   * in order; days without usage are left out. Requests and bytes are counted on request rows,
   * pages on job rows.
   */
  public List<DailyUsage> dailyUsage(
      String principal, LocalDate fromInclusive, LocalDate toInclusive) {
    Field<BigDecimal> requests = sumOf(UsageRecord.REQUEST, DSL.inline(1L));
    Field<BigDecimal> pages = sumOf(UsageRecord.JOB, USAGE_LOGS.PAGES.coerce(Long.class));
    Field<BigDecimal> ocrPages = sumOf(UsageRecord.JOB, USAGE_LOGS.OCR_PAGES.coerce(Long.class));
    Field<BigDecimal> bytesIn = sumOf(UsageRecord.REQUEST, USAGE_LOGS.BYTES_IN);
    Field<BigDecimal> bytesOut = sumOf(UsageRecord.REQUEST, USAGE_LOGS.BYTES_OUT);
    return dsl.select(USAGE_LOGS.USAGE_DAY, requests, pages, ocrPages, bytesIn, bytesOut)
        .from(USAGE_LOGS)
        .where(
            USAGE_LOGS.PRINCIPAL.eq(principal),
            USAGE_LOGS.USAGE_DAY.between(fromInclusive, toInclusive))
        .groupBy(USAGE_LOGS.USAGE_DAY)
        .orderBy(USAGE_LOGS.USAGE_DAY)
        .fetch(
            row ->
                new DailyUsage(
                    row.value1(),
                    row.value2().longValueExact(),
                    row.value3().longValueExact(),
                    row.value4().longValueExact(),
                    row.value5().longValueExact(),
                    row.value6().longValueExact()));
  }

  /** Deletes the rows of usage that occurred before {@code cutoff}, and says how many. */
  public int deleteOlderThan(Instant cutoff) {
    return dsl.deleteFrom(USAGE_LOGS).where(USAGE_LOGS.OCCURRED_AT.lt(utc(cutoff))).execute();
  }

  private static Field<BigDecimal> sumOf(String kind, Field<Long> value) {
    return DSL.sum(DSL.when(USAGE_LOGS.KIND.eq(kind), value).else_(DSL.inline(0L)));
  }
}
