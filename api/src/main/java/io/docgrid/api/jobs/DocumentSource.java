package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.uploads.UploadRoutes;
import java.util.Locale;
import java.util.Map;
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

  /** The document is one of several file parts of a multipart body, already spooled. */
  record SpooledFile(ReceivedUpload upload) implements DocumentSource {}

  /** The document is a finished resumable upload. */
  record FinishedUpload(UUID uploadId, String fileName, String options) implements DocumentSource {}

  /** The document is fetched from a URL, with the caller's headers. */
  record RemoteDocument(String url, Map<String, String> headers, String fileName, String options)
      implements DocumentSource {

    public RemoteDocument {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Never the headers' values: they may be credentials. */
    @Override
    public String toString() {
      return "RemoteDocument[" + url + ", " + headers.size() + " headers]";
    }
  }

  /** The document is one this tenant uploaded before, named by its SHA-256. */
  record StoredDocument(String sha256, String fileName, String options) implements DocumentSource {}

  Pattern UPLOAD_REFERENCE =
      Pattern.compile(
          "(?:.*" + Pattern.quote(UploadRoutes.UPLOADS_PATH) + "/)?([0-9a-fA-F-]{36})/?");

  /**
   * The source a JSON body names: exactly one of {@code upload}, {@code sha256} and {@code url}.
   */
  static DocumentSource of(CreateJobRequest request) {
    String options = request.options() == null ? null : request.options().toString();
    boolean upload = request.upload() != null;
    boolean stored = request.sha256() != null;
    boolean remote = request.url() != null;
    if ((upload ? 1 : 0) + (stored ? 1 : 0) + (remote ? 1 : 0) != 1) {
      throw ApiException.invalidField(
          "upload",
          "or 'sha256' or 'url' must be given, exactly one of them (or send multipart/form-data)");
    }
    if (request.headers() != null && !remote) {
      throw ApiException.invalidField("headers", "are sent only with 'url'");
    }
    if (remote) {
      return new RemoteDocument(request.url(), request.headers(), request.fileName(), options);
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
