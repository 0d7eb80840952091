package io.docgrid.api.engine;

import io.docgrid.sql.JobRepository;
import io.docgrid.sql.model.Job;
import io.docgrid.tasks.blob.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Deletes what a finished job stored: its result, and its document unless another job still needs
 * it or it was uploaded again since {@code putBefore} (its new job's row may not be written yet).
 * The job row stays, marked purged, so clients get 410 instead of 404.
 */
public final class JobPurger {

  private final JobRepository jobs;
  private final BlobStore blobs;
  private final Clock clock;

  public JobPurger(JobRepository jobs, BlobStore blobs, Clock clock) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.clock = clock;
  }

  /** Whether this call purged the job (false if it was purged already or is unfinished). */
  boolean purge(Job job, Instant putBefore) throws IOException {
    blobs.deleteResult(job.id());
    if (!jobs.markPurged(job.id(), clock.instant())) {
      return false;
    }
    if (!jobs.isDocumentInUse(job.documentSha256())) {
      blobs.deleteDocument(job.documentSha256(), putBefore);
    }
    return true;
  }
}
