package io.docgrid.api.usage;

import jakarta.validation.constraints.Pattern;

/** The parameters of {@code GET /api/v1/usage}, as sent. */
public record UsageQuery(
    @Pattern(regexp = DATE, message = DATE_RULE) String from,
    @Pattern(regexp = DATE, message = DATE_RULE) String to,
    @Pattern(regexp = UUID, message = "must be a key id (a UUID)") String keyId) {

  static final String DATE = "\\d{4}-\\d{2}-\\d{2}";
  static final String DATE_RULE = "must be a date such as 2026-11-25";
  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
}
