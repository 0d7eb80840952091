package io.docgrid.api.jobs;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.engine.DocumentProbe;
import io.docgrid.api.engine.JobEngine;
import io.docgrid.sql.JobRepository;
import io.docgrid.tasks.blob.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dry runs: a submission checked as a job's would be (options, type, quarantine), its document
 * counted on a compute node, and nothing kept. The compute node reads documents from the blob
 * store, so bytes not stored yet are stored for the probe and deleted after it, unless a job has
 * come to need them meanwhile; no row is written and no quota is charged.
 */
public final class DryRuns {

  private static final Logger log = LoggerFactory.getLogger(DryRuns.class);

  private final JobOptions options;
  private final UploadChecks checks;
  private final BlobStore blobs;
  private final JobRepository jobs;
  private final JobEngine engine;
  private final Clock clock;

  public DryRuns(
      JobOptions options,
      UploadChecks checks,
      BlobStore blobs,
      JobRepository jobs,
      JobEngine engine,
      Clock clock) {
    this.options = options;
    this.checks = checks;
    this.blobs = blobs;
    this.jobs = jobs;
    this.engine = engine;
    this.clock = clock;
  }

  /** What a job of {@code upload} would be; the spool file is gone afterwards. */
  DryRunResponse run(ReceivedUpload upload, Principal caller, String requestId) {
    try {
      JobOptions.Parsed parsed = options.parse(upload.options());
      String mediaType = checks.supportedTypeOf(upload);
      checks.refuseIfQuarantined(upload.sha256());
      Instant storedForProbe = null;
      if (!blobs.hasDocument(upload.sha256())) {
        blobs.putDocument(upload.sha256(), upload.file());
        storedForProbe = clock.instant();
      }
      try {
        DocumentProbe.Probed probed =
            engine.probe().probe(upload.sha256(), mediaType, parsed.options(), caller, requestId);
        return DryRunResponse.of(upload, probed);
      } finally {
        if (storedForProbe != null) {
          removeUnlessNeeded(upload.sha256(), storedForProbe);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      upload.discard();
    }
  }

  /**
   * Deletes the document stored for the probe, unless a job holds it now, or it was stored again
   * since (a submission of the same bytes racing the dry run).
   */
  private void removeUnlessNeeded(String sha256, Instant storedAt) {
    try {
      if (!jobs.isDocumentInUse(sha256)) {
        blobs.deleteDocument(sha256, storedAt.plusMillis(1));
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "could not delete a dry run's document; retention does not see it: {}", e.toString());
    }
  }
}
