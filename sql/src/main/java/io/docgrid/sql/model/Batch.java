package io.docgrid.sql.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A batch of jobs submitted together.
 *
 * @param jobCount how many jobs it has; null while they are still being created
 * @param completedAt when its last job ended, or null
 */
public record Batch(
    UUID id, String owner, Integer jobCount, Instant createdAt, Instant completedAt) {

  public Batch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
