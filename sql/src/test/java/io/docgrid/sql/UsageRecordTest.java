package io.docgrid.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.sql.model.UsageRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class UsageRecordTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  @Test
  void a_request_counts_bytes_and_no_pages() {
    UsageRecord request =
        UsageRecord.request(
            Instant.parse("2026-03-01T10:15:30.123456789Z"),
            null,
            "anonymous",
            "FREE",
            "/v1/health",
            "GET",
            200,
            0,
            15,
            2,
            "req-1");

    assertThat(request)
        .isEqualTo(
            new UsageRecord(
                "request",
                T0,
                null,
                "anonymous",
                "FREE",
                "/v1/health",
                "GET",
                200,
                0,
                15,
                0,
                0,
                2,
                "req-1"));
  }

  @Test
  void a_job_counts_pages_and_no_bytes() {
    UsageRecord job =
        UsageRecord.job(
            T0, null, "anonymous", "FREE", "/v1/jobs", "POST", 200, 12, 3, 4_000, "req-1");

    assertThat(job)
        .isEqualTo(
            new UsageRecord(
                "job",
                T0,
                null,
                "anonymous",
                "FREE",
                "/v1/jobs",
                "POST",
                200,
                0,
                0,
                12,
                3,
                4_000,
                "req-1"));
  }

  @Test
  void an_unknown_kind_is_rejected_naming_the_accepted_ones() {
    assertThatThrownBy(
            () ->
                new UsageRecord(
                    "REQUEST",
                    T0,
                    null,
                    "anonymous",
                    "FREE",
                    "/",
                    "GET",
                    200,
                    0,
                    0,
                    0,
                    0,
                    0,
                    "req-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'REQUEST'")
        .hasMessageContaining("request or job");
  }

  @Test
  void overlong_strings_are_cut_without_splitting_a_character() {
    String route = "/" + "x".repeat(198) + "\uD83D\uDCC4" + "y".repeat(50);

    UsageRecord record =
        UsageRecord.request(
            T0, null, "anonymous", "FREE", route, "GET", 404, 0, 0, 1, "\uD83D\uDCC4".repeat(100));

    // The emoji straddles the 200-character limit; cutting it in half would store invalid text.
    assertThat(record.route()).isEqualTo("/" + "x".repeat(198));
    assertThat(record.requestId()).isEqualTo("\uD83D\uDCC4".repeat(64));
  }
}
