package io.docgrid.tasks.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where document bytes and results live. Documents are content-addressed by their SHA-256, so the
 * same upload is stored once; results are keyed by job id. Results move as files and streams, never
 * as one array: a long document's result is written part by part as its page ranges finish, and
 * read back page by page.
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

  /**
   * Moves a complete file into the store as the job's result of this kind, replacing any earlier
   * one; the file is gone afterwards, whatever happens.
   */
  void putResult(UUID jobId, ResultKind kind, Path completeFile) throws IOException;

  /** The job's result of this kind as a stream the caller closes, or empty. */
  Optional<InputStream> openResult(UUID jobId, ResultKind kind) throws IOException;

  /**
   * Moves a complete file into the store as part {@code part} of the job's result (the pages of one
   * page range), replacing an earlier part with that number: a range run again writes the same
   * part. The file is gone afterwards, whatever happens. Parts are never a job's result: that is
   * {@link ResultKind#JSON}, assembled from them.
   */
  void putResultPart(UUID jobId, int part, Path completeFile) throws IOException;

  /** Part {@code part} of the job's result as a stream the caller closes, or empty. */
  Optional<InputStream> openResultPart(UUID jobId, int part) throws IOException;

  /** Deletes every part of the job's result; returns how many there were. */
  int deleteResultParts(UUID jobId) throws IOException;

  /** Deletes every result file of a job, parts included; false if it had no JSON result. */
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
