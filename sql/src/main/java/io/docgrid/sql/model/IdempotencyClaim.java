package io.docgrid.sql.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A caller's Idempotency-Key: the request it was first used with, and the job that made. */
public record IdempotencyClaim(
    String owner, String key, String requestSha256, UUID jobId, Instant createdAt) {

  public IdempotencyClaim {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestSha256, "requestSha256");
    Objects.requireNonNull(jobId, "jobId");
    createdAt =
        Objects.requireNonNull(createdAt, "createdAt")
            .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }
}
