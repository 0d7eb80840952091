package io.docgrid.sql.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A resumable upload: whose it is, how long it will be, how much has arrived, and when it expires.
 *
 * @param fileName the name from its {@code Upload-Metadata}, if it gave one
 * @param metadata the {@code Upload-Metadata} header as sent, echoed back on HEAD
 * @param documentSha256 the SHA-256 of its bytes, set once they have all arrived
 */
public record Upload(
    UUID id,
    String owner,
    long length,
    long offset,
    String fileName,
    String metadata,
    String documentSha256,
    Instant createdAt,
    Instant expiresAt) {

  public Upload {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    if (length < 0 || offset < 0 || offset > length) {
      throw new IllegalArgumentException("offset must lie between 0 and the length");
    }
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MICROS);
  }

  /** Whether every byte has arrived. */
  public boolean isComplete() {
    return offset == length;
  }

  public boolean hasExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
