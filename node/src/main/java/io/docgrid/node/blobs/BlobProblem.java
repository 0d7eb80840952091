package io.docgrid.node.blobs;

import io.docgrid.sql.model.JobStatus;
import java.util.UUID;

/**
 * One blob of one job that the blob store does not hold as the job recorded it.
 *
 * @param blob {@code document} or {@code result}
 * @param expectedSha256 what the job recorded; null for a result whose hash was not recorded
 * @param actualSha256 what the stored bytes hash to; null when they are missing or unreadable
 */
public record BlobProblem(
    UUID jobId,
    JobStatus status,
    String blob,
    Kind problem,
    String expectedSha256,
    String actualSha256) {

  public enum Kind {
    /** Not in the blob store. */
    MISSING,
    /** Other bytes than the job recorded. */
    MISMATCH,
    /** There, but it cannot be read (an I/O error, or a result that is not a result). */
    UNREADABLE;

    /** As the report writes it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
