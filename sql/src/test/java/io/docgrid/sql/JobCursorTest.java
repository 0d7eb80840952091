package io.docgrid.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.JobCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

final class JobCursorTest {

  private static final UUID ID = UUID.fromString("3f2b7c1e-9a4d-4e5f-8b6a-0c1d2e3f4a5b");

  @Test
  void cursor_round_trips_through_its_encoded_form() {
    JobCursor cursor = new JobCursor(Instant.parse("2026-03-01T10:15:30.123456Z"), ID);

    assertThat(JobCursor.decode(cursor.encode())).contains(cursor);
  }

  @Test
  void encoded_cursor_is_url_safe_base64_of_epoch_micros_and_id() {
    JobCursor cursor = new JobCursor(Instant.parse("1970-01-01T00:00:01.000002Z"), ID);

    String encoded = cursor.encode();

    assertThat(encoded).matches("[A-Za-z0-9_-]+");
    assertThat(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII))
        .isEqualTo("1000002:" + ID);
  }

  @Test
  void cursor_keeps_microseconds_and_times_before_the_epoch() {
    JobCursor cursor = new JobCursor(Instant.parse("1969-12-31T23:59:59.999999999Z"), ID);

    assertThat(cursor.createdAt()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    assertThat(JobCursor.decode(cursor.encode())).contains(cursor);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "not a cursor",
        "%%%",
        "====",
        "MTIz", // "123": no id
        "OjNmMmI3YzFlLTlhNGQtNGU1Zi04YjZhLTBjMWQyZTNmNGE1Yg", // ":<uuid>": no time
        "YWJjOjNmMmI3YzFlLTlhNGQtNGU1Zi04YjZhLTBjMWQyZTNmNGE1Yg", // "abc:<uuid>"
        "MToxLTEtMS0xLTE", // "1:1-1-1-1-1": a UUID only in Java's lenient reading
        "KzE6M2YyYjdjMWUtOWE0ZC00ZTVmLThiNmEtMGMxZDJlM2Y0YTVi", // "+1:<uuid>"
        "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTozZjJiN2MxZS05YTRkLTRlNWYtOGI2YS0wYzFkMmUzZjRhNWI",
      })
  void decode_of_anything_encode_never_writes_is_empty(String hostile) {
    assertThat(JobCursor.decode(hostile)).isEmpty();
  }

  @Test
  void decode_of_a_huge_input_is_empty() {
    assertThat(JobCursor.decode("A".repeat(1_000_000))).isEmpty();
  }

  @Test
  void decode_of_padded_base64_is_empty() {
    String padded =
        Base64.getUrlEncoder().encodeToString(("1:" + ID).getBytes(StandardCharsets.US_ASCII));

    assertThat(padded).endsWith("=");
    assertThat(JobCursor.decode(padded)).isEmpty();
  }
}
