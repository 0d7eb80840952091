package io.docgrid.api.uploads;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.sql.UploadRepository;
import io.docgrid.sql.model.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads: their state in the database, their bytes staged until they are complete and
 * become a job's document. An upload belongs to its tenant: to anyone else it does not exist.
 */
public final class Uploads {

  private static final Logger log = LoggerFactory.getLogger(Uploads.class);
  private static final int SWEEP_BATCH = 500;

  /** Limits on uploads: the server's largest document, and how long an upload may take. */
  public record Settings(long maxUploadBytes, Duration expiry) {}

  private final UploadRepository repository;
  private final UploadStaging staging;
  private final ToLongFunction<Principal> tierMaxBytes;
  private final Settings settings;
  private final Clock clock;

  public Uploads(
      UploadRepository repository,
      UploadStaging staging,
      ToLongFunction<Principal> tierMaxBytes,
      Settings settings,
      Clock clock) {
    this.repository = repository;
    this.staging = staging;
    this.tierMaxBytes = tierMaxBytes;
    this.settings = settings;
    this.clock = clock;
  }

  /** The largest upload the server takes from anyone, announced as {@code Tus-Max-Size}. */
  long maxUploadBytes() {
    return settings.maxUploadBytes();
  }

  /** The largest upload {@code caller} may make: the server's limit or its tier's, the smaller. */
  long maxBytesFor(Principal caller) {
    return Math.min(settings.maxUploadBytes(), tierMaxBytes.applyAsLong(caller));
  }

  /** Creates an empty upload of {@code length} bytes for {@code caller}. */
  Upload create(Principal caller, long length, UploadMetadata metadata) {
    long max = maxBytesFor(caller);
    if (length > max) {
      throw tooLarge(max);
    }
    var now = clock.instant();
    Upload upload =
        new Upload(
            UUID.randomUUID(),
            caller.id(),
            length,
            0,
            metadata.fileName().orElse(null),
            metadata.header(),
            null,
            now,
            now.plus(settings.expiry()));
    try {
      staging.create(upload.id());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    repository.insert(upload);
    return upload;
  }

  /** The caller's upload; not found if it is someone else's, gone if it expired. */
  public Upload find(UUID id, Principal caller) {
    Upload upload =
        repository
            .findById(id)
            .filter(found -> caller.mayAccess(found.owner()))
            .orElseThrow(() -> ApiException.notFound("Upload " + id));
    if (upload.hasExpired(clock.instant())) {
      throw new ApiException(
          ErrorCode.UPLOAD_EXPIRED,
          "Upload " + id + " expired at " + upload.expiresAt() + "; start a new one.");
    }
    return upload;
  }

  /**
   * Appends a chunk at {@code offset}, which must be where the upload stands (409 otherwise). With
   * {@code checksum}, a chunk whose SHA-256 differs is dropped whole (460); without one, a chunk
   * cut off by a lost connection keeps what arrived. Returns the upload as it stands after.
   */
  Upload append(
      UUID id, Principal caller, long offset, InputStream body, Optional<byte[]> checksum) {
    find(id, caller);
    if (!staging.exists(id)) {
      throw new ApiException(
          ErrorCode.UPLOAD_NOT_STAGED_HERE,
          "This node does not hold the bytes of upload "
              + id
              + "; send its requests to the node that created it.");
    }
    try {
      Optional<UploadStaging.Writer> writer = staging.writer(id);
      if (writer.isEmpty()) {
        throw inProgress(id);
      }
      try (UploadStaging.Writer file = writer.get()) {
        // Read again under the lock: only a holder of it moves the offset, so this one holds.
        Upload upload = find(id, caller);
        if (offset != upload.offset()) {
          throw new ApiException(
              ErrorCode.UPLOAD_OFFSET_MISMATCH,
              "Upload-Offset is "
                  + offset
                  + " but the upload stands at "
                  + upload.offset()
                  + "; send the bytes from there.");
        }
        return appendWithin(file, upload, offset, body, checksum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Upload appendWithin(
      UploadStaging.Writer file,
      Upload upload,
      long offset,
      InputStream body,
      Optional<byte[]> checksum)
      throws IOException {
    UploadStaging.Appended appended = file.append(offset, body, upload.length() - offset);
    if (appended.exceeded()) {
      file.truncate(offset);
      throw new ApiException(
          ErrorCode.FILE_TOO_LARGE,
          "The chunk runs past the Upload-Length of " + upload.length() + " bytes.");
    }
    if (checksum.isPresent() && !MessageDigest.isEqual(checksum.get(), appended.sha256())) {
      file.truncate(offset);
      throw new ApiException(
          ErrorCode.CHECKSUM_MISMATCH,
          "The chunk's SHA-256 does not match Upload-Checksum; it was discarded. Send it again.");
    }
    long reached = offset + appended.bytes();
    String sha256 = reached == upload.length() ? file.sha256Of() : null;
    // Only fails when the upload was deleted meanwhile (terminated or expired).
    if (appended.bytes() > 0 && !repository.advance(upload.id(), offset, reached, sha256)) {
      file.truncate(offset);
      throw ApiException.notFound("Upload " + upload.id());
    }
    return repository.findById(upload.id()).orElseThrow();
  }

  private static ApiException inProgress(UUID id) {
    return new ApiException(
        ErrorCode.UPLOAD_IN_PROGRESS,
        "Another request is writing to upload " + id + "; ask for its offset and resume.");
  }

  /** Ends an upload and deletes its bytes (tus termination). */
  void terminate(UUID id, Principal caller) {
    Upload upload =
        repository
            .findById(id)
            .filter(found -> caller.mayAccess(found.owner()))
            .orElseThrow(() -> ApiException.notFound("Upload " + id));
    delete(upload);
  }

  /**
   * The caller's complete upload, its bytes copied to {@code target} for a job; 409 while bytes are
   * missing. The upload stays until it expires, as tus has it, so that a refused or repeated
   * (Idempotency-Key) submission finds it again; a hard link makes the copy free on one volume.
   */
  public Upload copyComplete(UUID id, Principal caller, Path target) {
    Upload upload = find(id, caller);
    if (!upload.isComplete()) {
      throw new ApiException(
          ErrorCode.UPLOAD_NOT_FINISHED,
          "Upload "
              + id
              + " has "
              + upload.offset()
              + " of "
              + upload.length()
              + " bytes; finish it before making a job of it.");
    }
    try {
      staging.copyTo(id, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return upload;
  }

  /**
   * How often expired uploads are looked for: a quarter of the expiry, between a second and a
   * minute, so that an expired upload's bytes outlive it by little.
   */
  public Duration sweepInterval() {
    Duration quarter = settings.expiry().dividedBy(4);
    if (quarter.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
  }

  /** Deletes the bytes and rows of uploads past their expiry; returns how many. */
  public int sweepExpired() {
    int deleted = 0;
    for (Upload upload : repository.findExpired(clock.instant(), SWEEP_BATCH)) {
      delete(upload);
      deleted++;
    }
    try {
      // Bytes another node's sweep orphaned when it deleted their row.
      for (UUID id : staging.untouchedSince(clock.instant().minus(settings.expiry()))) {
        if (repository.findById(id).isEmpty()) {
          staging.delete(id);
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (deleted > 0) {
      log.info("deleted {} expired uploads", deleted);
    }
    return deleted;
  }

  private void delete(Upload upload) {
    try {
      staging.delete(upload.id());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    repository.delete(upload.id());
  }

  private static ApiException tooLarge(long max) {
    return new ApiException(
        ErrorCode.FILE_TOO_LARGE, "The file exceeds the limit of " + max + " bytes.");
  }
}
