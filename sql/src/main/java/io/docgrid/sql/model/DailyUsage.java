package io.docgrid.sql.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What one principal used on one UTC day.
 *
 * @param requests API requests made
 * @param pages pages of the jobs that finished that day
 * @param ocrPages of those pages, the ones whose text came from OCR
 * @param bytesIn bytes the requests sent
 * @param bytesOut bytes the responses returned
 */
public record DailyUsage(
    LocalDate day, long requests, long pages, long ocrPages, long bytesIn, long bytesOut) {

  public DailyUsage {
    Objects.requireNonNull(day, "day");
  }
}
