package io.docgrid.sql.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * What a caller knows about a job when accepting it. The id is generated in Java so that both
 * databases run the same portable DDL; {@code createdAt} is truncated to microseconds, the
 * precision that gets stored.
 *
 * @param owner who the job belongs to
 * @param tier the service tier it runs at
 * @param batchId the batch it is part of, or null
 * @param sourceUrl the URL its document was fetched from, without credentials, or null
 */
public record NewJob(
    UUID id,
    String documentSha256,
    String fileName,
    String mediaType,
    long sizeBytes,
    String options,
    String requestId,
    Instant createdAt,
    String owner,
    String tier,
    UUID batchId,
    String sourceUrl) {

  public NewJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(documentSha256, "documentSha256");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(requestId, "requestId");
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(tier, "tier");
  }

  /** A job submitted on its own, with a document sent to us. */
  public NewJob(
      UUID id,
      String documentSha256,
      String fileName,
      String mediaType,
      long sizeBytes,
      String options,
      String requestId,
      Instant createdAt,
      String owner,
      String tier) {
    this(
        id,
        documentSha256,
        fileName,
        mediaType,
        sizeBytes,
        options,
        requestId,
        createdAt,
        owner,
        tier,
        null,
        null);
  }
}
