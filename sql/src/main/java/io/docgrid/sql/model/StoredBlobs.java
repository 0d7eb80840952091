package io.docgrid.sql.model;

import java.util.UUID;

/**
 * The blobs a job that was not purged refers to: its document, and once it succeeded its result.
 *
 * @param resultSha256 the SHA-256 recorded for its JSON result; null before it succeeded, and for
 *     jobs that succeeded before the hash was recorded
 */
public record StoredBlobs(
    UUID jobId, JobStatus status, String documentSha256, String resultSha256) {

  /** Whether the blob store must hold a JSON result for the job. */
  public boolean hasResult() {
    return status == JobStatus.SUCCEEDED;
  }
}
