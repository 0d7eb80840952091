package io.docgrid.api.uploads;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The headers of tus 1.0 (https://tus.io/protocols/resumable-upload), read and written. */
final class TusHeaders {

  static final String VERSION = "1.0.0";
  static final String EXTENSIONS = "creation,creation-with-upload,termination,checksum,expiration";
  static final String CHECKSUM_ALGORITHMS = "sha256";
  static final String OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

  static final String RESUMABLE = "Tus-Resumable";
  static final String UPLOAD_OFFSET = "Upload-Offset";
  static final String UPLOAD_LENGTH = "Upload-Length";
  static final String UPLOAD_METADATA = "Upload-Metadata";
  static final String UPLOAD_EXPIRES = "Upload-Expires";
  static final String UPLOAD_CHECKSUM = "Upload-Checksum";

  /** The headers a browser's tus client must be able to read across origins. */
  static final List<String> EXPOSED =
      List.of(
          "Location",
          UPLOAD_OFFSET,
          UPLOAD_LENGTH,
          UPLOAD_METADATA,
          UPLOAD_EXPIRES,
          RESUMABLE,
          "Tus-Version",
          "Tus-Extension",
          "Tus-Max-Size",
          "Tus-Checksum-Algorithm");

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private TusHeaders() {}

  /**
   * Answers in tus, and refuses a client that speaks another version (412, as the protocol asks,
   * with the versions this server speaks).
   */
  static void requireVersion(Context ctx) {
    ctx.header(RESUMABLE, VERSION);
    String asked = ctx.header(RESUMABLE);
    if (!VERSION.equals(asked)) {
      ctx.header("Tus-Version", VERSION);
      throw new ApiException(
          ErrorCode.TUS_VERSION_UNSUPPORTED,
          "Send the header Tus-Resumable: " + VERSION + " (got " + describe(asked) + ").");
    }
  }

  /** A non-negative number header; required when {@code required}. */
  static Optional<Long> number(Context ctx, String name, boolean required) {
    String raw = ctx.header(name);
    if (raw == null) {
      if (required) {
        throw ApiException.invalidField(name, "is required (a number of bytes)");
      }
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(raw.strip());
      if (value >= 0) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalidField(name, "must be a non-negative number of bytes");
  }

  /** The SHA-256 a chunk must have, from {@code Upload-Checksum: sha256 <base64>}, if sent. */
  static Optional<byte[]> checksum(Context ctx) {
    String raw = ctx.header(UPLOAD_CHECKSUM);
    if (raw == null) {
      return Optional.empty();
    }
    String[] parts = raw.strip().split(" ");
    if (parts.length != 2 || !CHECKSUM_ALGORITHMS.equals(parts[0].toLowerCase(Locale.ROOT))) {
      throw ApiException.invalidField(
          UPLOAD_CHECKSUM, "must be 'sha256 <base64 of the digest>'; sha256 is the one algorithm");
    }
    try {
      byte[] digest = Base64.getDecoder().decode(parts[1]);
      if (digest.length == 32) {
        return Optional.of(digest);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiException.invalidField(UPLOAD_CHECKSUM, "must carry a base64 SHA-256 digest");
  }

  /** Upload-Expires is an RFC 9110 date (tus 1.0, expiration extension). */
  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant.atOffset(ZoneOffset.UTC));
  }

  private static String describe(String value) {
    return value == null
        ? "none"
        : "'" + (value.length() > 20 ? value.substring(0, 20) : value) + "'";
  }
}
