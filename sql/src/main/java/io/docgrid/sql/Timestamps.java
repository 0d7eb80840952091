package io.docgrid.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Converts between the instants repositories take and return and the stored timestamps. */
final class Timestamps {

  private Timestamps() {}

  // Both databases keep microseconds; PostgreSQL rounds finer values, so truncate first to store
  // exactly what the caller will read back.
  static OffsetDateTime utc(Instant instant) {
    return instant == null
        ? null
        : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime stored) {
    return stored == null ? null : stored.toInstant().truncatedTo(ChronoUnit.MICROS);
  }
}
