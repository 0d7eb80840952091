package io.docgrid.tasks.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where document bytes and results live. Documents are content-addressed by their SHA-256, so the
 * same upload is stored once; results are keyed by job id.
 */
public interface BlobStore {

  /**
   * A new empty file for spooling an upload. A local store makes it on its own volume so that
   * {@link #putDocument} can move it in without a copy. The caller deletes it if it never gets
   * stored.
   */
  Path createTemporaryFile() throws IOException;

  /** Where {@link #createTemporaryFile} spools; nothing in it outlives the process that made it. */
  Path temporaryDirectory();

  /** Removes spool files left behind by a crash; call once before the node accepts uploads. */
  int deleteAbandonedTemporaryFiles() throws IOException;

  /**
   * Moves a complete file into the store under its SHA-256. Idempotent: storing bytes already
   * present discards the source file and marks the stored copy as just put, which protects it from
   * {@link #deleteDocument} with an earlier cutoff.
   */
  void putDocument(String sha256, Path completeFile) throws IOException;

  /**
   * Deletes a stored document unless it was put at or after {@code putBefore}, so that a document
   * uploaded again while retention deletes it survives.
   *
   * @return whether it was deleted
   */
  boolean deleteDocument(String sha256, Instant putBefore) throws IOException;

  boolean hasDocument(String sha256);

  /** A local file with the document's bytes, valid until the handle is closed. */
  DocumentFile openDocument(String sha256) throws IOException;

  /** Stores the job's JSON result, replacing any earlier one. */
  void putResult(UUID jobId, byte[] content) throws IOException;

  /** The job's JSON result, or empty. */
  Optional<byte[]> readResult(UUID jobId) throws IOException;

  /**
   * Moves a complete file into the store as the job's result of this kind, replacing any earlier
   * one; the file is gone afterwards, whatever happens.
   */
  void putResult(UUID jobId, ResultKind kind, Path completeFile) throws IOException;

  /** The job's result of this kind as a stream the caller closes, or empty. */
  Optional<InputStream> openResult(UUID jobId, ResultKind kind) throws IOException;

  /** Deletes every result file of a job; false if it had no JSON result. */
  boolean deleteResult(UUID jobId) throws IOException;

  /** Whether the store can be written right now; used by readiness checks. */
  boolean isUsable();

  /** A document made available as a local file. */
  interface DocumentFile extends AutoCloseable {
    Path path();

    @Override
    void close() throws IOException;
  }
}
