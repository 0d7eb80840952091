package io.docgrid.sql.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A document that took down the workers processing it, kept from the grid until released.
 *
 * @param jobId the job whose run quarantined it
 * @param attempts how many times it had been tried when it was quarantined
 */
public record QuarantinedDocument(
    String documentSha256, UUID jobId, String reason, int attempts, Instant quarantinedAt) {

  public QuarantinedDocument {
    Objects.requireNonNull(documentSha256, "documentSha256");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(reason, "reason");
    quarantinedAt =
        Objects.requireNonNull(quarantinedAt, "quarantinedAt").truncatedTo(ChronoUnit.MICROS);
  }
}
