package io.docgrid.api.jobs;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.outbound.OutboundClient;
import io.docgrid.api.uploads.Uploads;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.UploadRepository;
import io.docgrid.sql.model.Upload;
import io.docgrid.tasks.blob.BlobStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Reads a job submission into a spooled document, whatever its {@link DocumentSource}: a multipart
 * body streamed in, a finished upload, or a document the caller stored before. Every form ends as
 * the same {@link ReceivedUpload}, so that admission, hashing, quarantine and the result cache
 * treat them alike.
 */
public final class SubmissionReader {

  static final String DEFAULT_FILE_NAME = "document";

  private final BlobStore blobs;
  private final UploadLimits limits;
  private final Uploads uploads;
  private final UploadRepository uploadRows;
  private final ToLongFunction<Principal> tierMaxBytes;
  private final RequestValidator validator;
  private final RemoteDocuments remoteDocuments;

  public SubmissionReader(
      BlobStore blobs,
      UploadLimits limits,
      Uploads uploads,
      UploadRepository uploadRows,
      ToLongFunction<Principal> tierMaxBytes,
      RequestValidator validator,
      OutboundClient outbound,
      Duration urlFetchTimeout) {
    this.blobs = blobs;
    this.limits = limits;
    this.uploads = uploads;
    this.uploadRows = uploadRows;
    this.tierMaxBytes = tierMaxBytes;
    this.validator = validator;
    this.remoteDocuments = new RemoteDocuments(outbound, blobs, urlFetchTimeout);
  }

  /** The source the request names: JSON bodies name one; anything else is a multipart upload. */
  DocumentSource sourceOf(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return DocumentSource.of(validator.body(ctx.body(), CreateJobRequest.class));
    }
    return new DocumentSource.MultipartFile();
  }

  /** The document, spooled; on failure nothing is left behind. */
  ReceivedUpload receive(Context ctx, DocumentSource source, Principal caller) throws IOException {
    if (source instanceof DocumentSource.FinishedUpload upload) {
      return fromUpload(upload, caller);
    }
    if (source instanceof DocumentSource.StoredDocument stored) {
      return fromStore(stored, caller);
    }
    if (source instanceof DocumentSource.SpooledFile spooled) {
      return spooled.upload();
    }
    if (source instanceof DocumentSource.RemoteDocument remote) {
      return remoteDocuments.fetch(remote, maxFileBytes(caller));
    }
    if (source instanceof DocumentSource.MultipartFile) {
      return multipartReceiver(caller).receive(ctx);
    }
    throw new IllegalStateException("no reader for " + source);
  }

  /**
   * The documents of a batch's multipart body, one source for each {@code file} part: the caller
   * refuses the empty ones item by item.
   */
  List<DocumentSource> spooledFiles(Context ctx, Principal caller, int maxFiles)
      throws IOException {
    return multipartReceiver(caller).receiveAll(ctx, maxFiles).stream()
        .<DocumentSource>map(DocumentSource.SpooledFile::new)
        .toList();
  }

  /** Uploads are held to the smaller of the server's and the caller's tier's file limit. */
  private UploadReceiver multipartReceiver(Principal caller) {
    return new UploadReceiver(blobs, limits.cappedAt(tierMaxBytes.applyAsLong(caller)));
  }

  private ReceivedUpload fromUpload(DocumentSource.FinishedUpload source, Principal caller)
      throws IOException {
    Path spooled = blobs.createTemporaryFile();
    try {
      Upload upload = uploads.copyComplete(source.uploadId(), caller, spooled);
      if (upload.length() == 0) {
        throw new ApiException(ErrorCode.EMPTY_FILE, "The upload has no content.");
      }
      String name = source.fileName() != null ? source.fileName() : upload.fileName();
      return new ReceivedUpload(
          spooled,
          upload.documentSha256(),
          upload.length(),
          SafeFileName.of(name == null ? DEFAULT_FILE_NAME : name),
          source.options());
    } catch (RuntimeException e) {
      Files.deleteIfExists(spooled);
      throw e;
    }
  }

  /**
   * A document the caller's own jobs hold: knowing a hash is no proof of having the bytes, so
   * another tenant's document is as absent as one never stored.
   */
  private ReceivedUpload fromStore(DocumentSource.StoredDocument source, Principal caller)
      throws IOException {
    String sha256 = source.sha256();
    if (!uploadRows.ownerHasDocument(caller.id(), sha256) || !blobs.hasDocument(sha256)) {
      throw new ApiException(
          ErrorCode.DOCUMENT_NOT_STORED,
          "You have no stored document with SHA-256 "
              + sha256
              + "; upload it (multipart or resumable) instead.");
    }
    Path spooled = blobs.createTemporaryFile();
    try {
      try (BlobStore.DocumentFile document = blobs.openDocument(sha256)) {
        Files.copy(document.path(), spooled, StandardCopyOption.REPLACE_EXISTING);
      }
      long size = Files.size(spooled);
      long max = maxFileBytes(caller);
      if (size > max) {
        throw new ApiException(
            ErrorCode.FILE_TOO_LARGE, "The file exceeds the limit of " + max + " bytes.");
      }
      String name =
          source.fileName() != null
              ? source.fileName()
              : uploadRows.latestFileName(caller.id(), sha256).orElse(DEFAULT_FILE_NAME);
      return new ReceivedUpload(spooled, sha256, size, SafeFileName.of(name), source.options());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(spooled);
      throw e;
    }
  }

  /** The smaller of the server's and the caller's tier's file size limit. */
  private long maxFileBytes(Principal caller) {
    return Math.min(limits.maxFileBytes(), tierMaxBytes.applyAsLong(caller));
  }
}
