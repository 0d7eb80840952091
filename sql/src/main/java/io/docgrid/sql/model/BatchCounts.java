package io.docgrid.sql.model;

import java.util.Map;

/** How many of a batch's jobs are in each status. */
public record BatchCounts(int queued, int running, int succeeded, int failed, int cancelled) {

  public static BatchCounts of(Map<JobStatus, Integer> byStatus) {
    return new BatchCounts(
        byStatus.getOrDefault(JobStatus.QUEUED, 0),
        byStatus.getOrDefault(JobStatus.RUNNING, 0),
        byStatus.getOrDefault(JobStatus.SUCCEEDED, 0),
        byStatus.getOrDefault(JobStatus.FAILED, 0),
        byStatus.getOrDefault(JobStatus.CANCELLED, 0));
  }

  public int total() {
    return queued + running + succeeded + failed + cancelled;
  }

  public int ended() {
    return succeeded + failed + cancelled;
  }
}
