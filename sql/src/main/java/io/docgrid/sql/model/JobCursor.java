package io.docgrid.sql.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in the newest-first job listing: the last job a page showed. Its encoded form is
 * opaque to clients and safe in a URL.
 */
public record JobCursor(Instant createdAt, UUID id) {

  // Longer than any cursor encode() writes; checked before decoding so hostile input costs nothing.
  private static final int MAX_ENCODED_LENGTH = 96;

  public JobCursor {
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(id, "id");
  }

  /** The cursor that continues a listing after {@code job}. */
  public static JobCursor after(Job job) {
    return new JobCursor(job.createdAt(), job.id());
  }

  /** URL-safe base64, without padding, of {@code <epochMicros>:<uuid>}. */
  public String encode() {
    String plain = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt) + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /** The cursor {@code encoded} stands for, or empty if it is not exactly what encode() writes. */
  public static Optional<JobCursor> decode(String encoded) {
    if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
      return Optional.empty();
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
      int colon = plain.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      long epochMicros = Long.parseLong(plain.substring(0, colon));
      UUID id = UUID.fromString(plain.substring(colon + 1));
      JobCursor cursor = new JobCursor(Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS), id);
      // Long.parseLong and UUID.fromString both accept variants ("+1", "1-1-1-1-1"); accepting
      // only the canonical form keeps one cursor per position.
      return cursor.encode().equals(encoded) ? Optional.of(cursor) : Optional.empty();
    } catch (RuntimeException malformed) {
      // IllegalArgumentException (base64, number, UUID), ArithmeticException and
      // DateTimeException (out-of-range times) all mean the same thing here: not a cursor.
      return Optional.empty();
    }
  }
}
