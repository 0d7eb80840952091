package io.docgrid.sql.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored job. Timestamps are UTC instants at microsecond precision, the finest both databases
 * keep; the nullable ones are unset until the job reaches that point.
 *
 * @param owner who the job belongs to
 * @param tier the service tier it runs at
 * @param purgedAt when its document and result were deleted after the tier's retention, or null
 * @param cacheHit whether its result was reused from an identical earlier or concurrent job
 * @param followsJobId while it waits for an identical job in flight to reuse its result, that job
 * @param documentEncrypted whether its document was encrypted, once a first look found out (with
 *     {@code pageCount} and the refined {@code mediaType}); null before
 * @param resultSha256 the SHA-256 of the JSON result it succeeded with; null before it succeeded,
 *     and for jobs that succeeded before it was recorded
 * @param batchId the batch it was submitted in, or null
 * @param sourceUrl the URL its document was fetched from, without credentials, or null
 */
public record Job(
    UUID id,
    JobStatus status,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt,
    String documentSha256,
    String fileName,
    String mediaType,
    long sizeBytes,
    String options,
    Integer pageCount,
    String errorCode,
    String errorMessage,
    int attempts,
    String nodeId,
    String requestId,
    PageProgress pages,
    String owner,
    String tier,
    Instant purgedAt,
    boolean cacheHit,
    UUID followsJobId,
    Boolean documentEncrypted,
    String resultSha256,
    UUID batchId,
    String sourceUrl) {

  public Job {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(tier, "tier");
  }

  /** Whether a first look at its document has counted its pages (and charged them). */
  public boolean isCounted() {
    return pageCount != null;
  }
}
