package io.docgrid.sql.model;

import java.time.Instant;
import java.util.Objects;

/**
 * How a job succeeded, written in the one update that finishes it: its document's facts, its final
 * page counts, and, for a job whose start was not recorded yet, where and when it started.
 *
 * @param firstLook what its document turned out to be
 * @param pages the final page counts
 * @param computed whether its result was computed by a run of its own (which counts an attempt),
 *     rather than reused from an identical job
 * @param nodeId the node that processed it, kept if one was recorded already; null when reused
 * @param startedAt when processing started, kept if recorded already; null when reused
 * @param leaseHolder the node that must still hold the job's lease for this to count; null for a
 *     job held by nobody in particular
 * @param resultSha256 the SHA-256 of the JSON result stored for it, or null when none is recorded
 */
public record JobSuccess(
    FirstLook firstLook,
    PageProgress pages,
    boolean computed,
    String nodeId,
    Instant startedAt,
    String leaseHolder,
    String resultSha256) {

  public JobSuccess {
    Objects.requireNonNull(firstLook, "firstLook");
    Objects.requireNonNull(pages, "pages");
  }

  /** A success whose result's hash is not recorded. */
  public JobSuccess(
      FirstLook firstLook,
      PageProgress pages,
      boolean computed,
      String nodeId,
      Instant startedAt,
      String leaseHolder) {
    this(firstLook, pages, computed, nodeId, startedAt, leaseHolder, null);
  }
}
