package io.docgrid.sql.model;

import java.util.Locale;

/** Where a job is in its life; stored as the lower-case {@link #wireName()}. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The lower-case name stored in the database and shown to clients. */
  public String wireName() {
    return wireName;
  }

  /**
   * The status whose {@link #wireName()} is {@code wireName}.
   *
   * @throws IllegalArgumentException naming the accepted values when there is none
   */
  public static JobStatus fromWireName(String wireName) {
    for (JobStatus status : values()) {
      if (status.wireName.equals(wireName)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "Unknown job status '"
            + wireName
            + "'; expected one of queued, running, succeeded, failed, cancelled.");
  }

  /** Whether the job has reached a state it never leaves. */
  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
