package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.uploads.UploadRoutes;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a new job's document comes from: the multipart body itself, a finished resumable upload, or
 * bytes this tenant stored before. New forms (a URL) are added as further records, and a reader for
 * each in {@link SubmissionReader#receive}.
 */
sealed interface DocumentSource {

  /** The document is the {@code file} part of a multipart body. */
  record MultipartFile() implements DocumentSource {}

  /** The document is a finished resumable upload. */
  record FinishedUpload(UUID uploadId, String fileName, String options) implements DocumentSource {}

  /** The document is one this tenant uploaded before, named by its SHA-256. */
  record StoredDocument(String sha256, String fileName, String options) implements DocumentSource {}

  Pattern UPLOAD_REFERENCE =
      Pattern.compile(
          "(?:.*" + Pattern.quote(UploadRoutes.UPLOADS_PATH) + "/)?([0-9a-fA-F-]{36})/?");

  /** The source a JSON body names: exactly one of {@code upload} and {@code sha256}. */
  static DocumentSource of(CreateJobRequest request) {
    String options = request.options() == null ? null : request.options().toString();
    boolean upload = request.upload() != null;
    boolean stored = request.sha256() != null;
    if (upload == stored) {
      throw ApiException.invalidField(
          "upload", "or 'sha256' must be given, exactly one of them (or send multipart/form-data)");
    }
    if (stored) {
      return new StoredDocument(
          request.sha256().toLowerCase(Locale.ROOT), request.fileName(), options);
    }
    Matcher reference = UPLOAD_REFERENCE.matcher(request.upload().strip());
    try {
      if (reference.matches()) {
        return new FinishedUpload(UUID.fromString(reference.group(1)), request.fileName(), options);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiException.invalidField(
        "upload", "must be an upload's URL (its Location header) or its id");
  }
}
