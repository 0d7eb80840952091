package io.docgrid.sql;

import static io.docgrid.sql.schema.Tables.USAGE_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.DailyUsage;
import io.docgrid.sql.model.UsageRecord;
import io.docgrid.sql.schema.tables.records.UsageLogsRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link UsageRepository} must do. Subclasses open a migrated {@link
 * Database} once per class; each test starts from an empty usage_logs table.
 */
abstract class UsageRepositoryContract {

  private static final LocalDate DAY_1 = LocalDate.parse("2026-03-01");
  private static final LocalDate DAY_2 = LocalDate.parse("2026-03-02");
  private static final Instant LAST_MICRO_OF_DAY_1 = Instant.parse("2026-03-01T23:59:59.999999Z");
  private static final Instant START_OF_DAY_2 = Instant.parse("2026-03-02T00:00:00Z");
  private static final UUID KEY = UUID.fromString("6c1f0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6");
  private static final String ALICE = "key:" + KEY;
  private static final String BOB = "oauth:https://id.example.com#bob";

  private UsageRepository usage;

  protected abstract Database database();

  @BeforeEach
  void start_from_an_empty_table() {
    database().dsl().deleteFrom(USAGE_LOGS).execute();
    usage = new UsageRepository(database().dsl());
  }

  @Test
  void insert_batch_stores_every_field_with_the_utc_day() {
    // Late in the evening in New York, already the next day in UTC.
    Instant occurredAt = OffsetDateTime.parse("2026-03-01T21:30:00.123456789-05:00").toInstant();

    usage.insertBatch(
        List.of(
            new UsageRecord(
                "job",
                occurredAt,
                KEY,
                ALICE,
                "PRO",
                "/v1/jobs",
                "POST",
                200,
                10,
                20,
                30,
                4,
                5678,
                "req-1")));

    UsageLogsRecord row = database().dsl().selectFrom(USAGE_LOGS).fetchSingle();
    assertThat(row.getKind()).isEqualTo("job");
    assertThat(row.getOccurredAt().toInstant())
        .isEqualTo(Instant.parse("2026-03-02T02:30:00.123456Z"));
    assertThat(row.getUsageDay()).isEqualTo(DAY_2);
    assertThat(row.getKeyId()).isEqualTo(KEY);
    assertThat(row.getPrincipal()).isEqualTo(ALICE);
    assertThat(row.getTier()).isEqualTo("PRO");
    assertThat(row.getRoute()).isEqualTo("/v1/jobs");
    assertThat(row.getMethod()).isEqualTo("POST");
    assertThat(row.getStatus()).isEqualTo(200);
    assertThat(row.getBytesIn()).isEqualTo(10);
    assertThat(row.getBytesOut()).isEqualTo(20);
    assertThat(row.getPages()).isEqualTo(30);
    assertThat(row.getOcrPages()).isEqualTo(4);
    assertThat(row.getDurationMillis()).isEqualTo(5678);
    assertThat(row.getRequestId()).isEqualTo("req-1");
  }

  @Test
  void insert_batch_of_nothing_stores_nothing() {
    usage.insertBatch(List.of());

    assertThat(database().dsl().fetchCount(USAGE_LOGS)).isZero();
  }

  @Test
  void insert_batch_stores_overlong_strings_cut_to_their_columns() {
    usage.insertBatch(
        List.of(
            UsageRecord.request(
                START_OF_DAY_2,
                null,
                "oauth:" + "i".repeat(300),
                "ENTERPRISE-PLUS-PLUS",
                "/v1/jobs/" + "x".repeat(500),
                "PROPPATCH-EXTENDED",
                414,
                100,
                0,
                3,
                "r".repeat(1000))));

    UsageLogsRecord row = database().dsl().selectFrom(USAGE_LOGS).fetchSingle();
    assertThat(row.getKeyId()).isNull();
    assertThat(row.getPrincipal()).hasSize(200).startsWith("oauth:iii");
    assertThat(row.getTier()).isEqualTo("ENTERPRISE-PLUS-");
    assertThat(row.getRoute()).hasSize(200).startsWith("/v1/jobs/xxx");
    assertThat(row.getMethod()).isEqualTo("PROPPATCH-");
    assertThat(row.getRequestId()).isEqualTo("r".repeat(128));
  }

  @Test
  void daily_usage_sums_each_utc_day_of_one_principal() {
    usage.insertBatch(
        List.of(
            request(ALICE, DAY_1.atStartOfDay().toInstant(ZoneOffset.UTC), 100, 1_000),
            request(ALICE, LAST_MICRO_OF_DAY_1, 200, 2_000),
            job(ALICE, LAST_MICRO_OF_DAY_1, 12, 3),
            request(ALICE, START_OF_DAY_2, 5_000_000_000L, 7),
            job(ALICE, START_OF_DAY_2, 1, 0),
            job(ALICE, START_OF_DAY_2.plusSeconds(60), 2, 2),
            request(BOB, LAST_MICRO_OF_DAY_1, 999, 999),
            job(BOB, START_OF_DAY_2, 999, 999)));

    assertThat(usage.dailyUsage(ALICE, DAY_1, DAY_2))
        .containsExactly(
            new DailyUsage(DAY_1, 2, 12, 3, 300, 3_000),
            new DailyUsage(DAY_2, 1, 3, 2, 5_000_000_000L, 7));
    assertThat(usage.dailyUsage(BOB, DAY_1, DAY_2))
        .containsExactly(
            new DailyUsage(DAY_1, 1, 0, 0, 999, 999), new DailyUsage(DAY_2, 0, 999, 999, 0, 0));
  }

  @Test
  void daily_usage_covers_only_the_days_asked_for_and_leaves_out_days_without_usage() {
    LocalDate day4 = DAY_1.plusDays(3);
    usage.insertBatch(
        List.of(
            request(ALICE, LAST_MICRO_OF_DAY_1, 1, 1),
            request(ALICE, day4.atTime(12, 0).toInstant(ZoneOffset.UTC), 4, 4),
            request(ALICE, DAY_1.plusDays(5).atTime(12, 0).toInstant(ZoneOffset.UTC), 6, 6)));

    assertThat(usage.dailyUsage(ALICE, DAY_1, day4))
        .extracting(DailyUsage::day)
        .containsExactly(DAY_1, day4);
    assertThat(usage.dailyUsage(ALICE, DAY_2, DAY_2.plusDays(1))).isEmpty();
    assertThat(usage.dailyUsage("anonymous", DAY_1, day4)).isEmpty();
  }

  @Test
  void daily_usage_counts_bytes_on_request_rows_only_and_pages_on_job_rows_only() {
    usage.insertBatch(
        List.of(
            new UsageRecord(
                "request",
                START_OF_DAY_2,
                KEY,
                ALICE,
                "FREE",
                "/v1/jobs",
                "POST",
                202,
                10,
                20,
                500,
                500,
                1,
                "req-1"),
            new UsageRecord(
                "job",
                START_OF_DAY_2,
                KEY,
                ALICE,
                "FREE",
                "/v1/jobs",
                "POST",
                200,
                700,
                700,
                5,
                1,
                1,
                "req-1")));

    assertThat(usage.dailyUsage(ALICE, DAY_2, DAY_2))
        .containsExactly(new DailyUsage(DAY_2, 1, 5, 1, 10, 20));
  }

  @Test
  void delete_older_than_removes_only_what_occurred_before_the_cutoff() {
    usage.insertBatch(
        List.of(
            request(ALICE, LAST_MICRO_OF_DAY_1, 1, 1),
            job(BOB, LAST_MICRO_OF_DAY_1, 1, 1),
            request(ALICE, START_OF_DAY_2, 2, 2),
            request(ALICE, START_OF_DAY_2.plusSeconds(1), 3, 3)));

    assertThat(usage.deleteOlderThan(START_OF_DAY_2)).isEqualTo(2);

    assertThat(usage.dailyUsage(ALICE, DAY_1, DAY_2))
        .containsExactly(new DailyUsage(DAY_2, 2, 0, 0, 5, 5));
    assertThat(usage.dailyUsage(BOB, DAY_1, DAY_2)).isEmpty();
    assertThat(usage.deleteOlderThan(START_OF_DAY_2)).isZero();
  }

  private static UsageRecord request(
      String principal, Instant occurredAt, long bytesIn, long bytesOut) {
    return UsageRecord.request(
        occurredAt,
        null,
        principal,
        "FREE",
        "/v1/jobs",
        "POST",
        202,
        bytesIn,
        bytesOut,
        15,
        "req-" + UUID.randomUUID());
  }

  private static UsageRecord job(String principal, Instant occurredAt, int pages, int ocrPages) {
    return UsageRecord.job(
        occurredAt,
        null,
        principal,
        "FREE",
        "/v1/jobs",
        "POST",
        200,
        pages,
        ocrPages,
        1_500,
        "req-" + UUID.randomUUID());
  }
}
