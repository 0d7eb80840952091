package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.tasks.blob.BlobStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Reads a {@code multipart/form-data} job submission as a stream: the {@code file} part goes
 * straight to a spool file while its SHA-256 and size are computed, and the limits are enforced as
 * bytes arrive, so an oversize upload is refused without ever being buffered whole.
 */
final class UploadReceiver {

  static final String FILE_FIELD = "file";
  static final String OPTIONS_FIELD = "options";

  private final BlobStore blobStore;
  private final UploadLimits limits;

  UploadReceiver(BlobStore blobStore, UploadLimits limits) {
    this.blobStore = blobStore;
    this.limits = limits;
  }

  /** Receives the upload; on any failure the spool file is already gone when this throws. */
  ReceivedUpload receive(Context ctx) throws IOException {
    if (!JakartaServletFileUpload.isMultipartContent(ctx.req())) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "Send the document as multipart/form-data with a part named 'file', or JSON that names"
              + " a finished upload ({\"upload\": ...}) or a stored document ({\"sha256\": ...}).");
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > limits.maxRequestBytes()) {
      throw tooLarge();
    }
    var upload = new JakartaServletFileUpload<>();
    upload.setSizeMax(limits.maxRequestBytes());
    upload.setFileSizeMax(Math.max(limits.maxFileBytes(), limits.maxOptionsBytes()));
    upload.setFileCountMax(16);

    Path spooled = null;
    try {
      String fileName = null;
      String sha256 = null;
      long size = -1;
      String options = null;
      FileItemInputIterator parts = upload.getItemIterator(ctx.req());
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        String field = part.getFieldName();
        if (FILE_FIELD.equals(field) && !part.isFormField()) {
          if (spooled != null) {
            throw new ApiException(
                ErrorCode.INVALID_REQUEST, "Send exactly one part named 'file'.");
          }
          spooled = blobStore.createTemporaryFile();
          fileName = part.getName();
          try (InputStream in = part.getInputStream()) {
            Spooled result = spool(in, spooled);
            sha256 = result.sha256();
            size = result.size();
          }
        } else if (OPTIONS_FIELD.equals(field)) {
          try (InputStream in = part.getInputStream()) {
            options = readBounded(in);
          }
        } else {
          drain(part);
        }
      }
      if (spooled == null) {
        throw ApiException.invalidField(FILE_FIELD, "is required (a multipart file part)");
      }
      if (size == 0) {
        throw new ApiException(ErrorCode.EMPTY_FILE, "The uploaded file has no content.");
      }
      return new ReceivedUpload(spooled, sha256, size, SafeFileName.of(fileName), options);
    } catch (FileUploadSizeException e) {
      deleteQuietly(spooled);
      throw tooLarge();
    } catch (FileUploadException e) {
      deleteQuietly(spooled);
      if (causedByLimit(e)) {
        throw tooLarge();
      }
      throw new ApiException(
          ErrorCode.INVALID_REQUEST, "The multipart body is malformed: " + safeReason(e), e);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(spooled);
      if (causedByLimit(e)) {
        throw tooLarge();
      }
      if (e instanceof ApiException api) {
        throw api;
      }
      throw new ApiException(
          ErrorCode.INVALID_REQUEST, "The upload could not be read completely.", e);
    }
  }

  private record Spooled(String sha256, long size) {}

  private static Spooled spool(InputStream in, Path target) throws IOException {
    MessageDigest digest = sha256();
    try (DigestInputStream hashing = new DigestInputStream(in, digest);
        OutputStream out = Files.newOutputStream(target)) {
      long size = hashing.transferTo(out);
      return new Spooled(HexFormat.of().formatHex(digest.digest()), size);
    }
  }

  private String readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(limits.maxOptionsBytes() + 1);
    if (bytes.length > limits.maxOptionsBytes()) {
      throw ApiException.invalidField(
          OPTIONS_FIELD, "must be at most " + limits.maxOptionsBytes() + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void drain(FileItemInput part) throws IOException {
    try (InputStream in = part.getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        ErrorCode.FILE_TOO_LARGE,
        "The file exceeds the limit of " + limits.maxFileBytes() + " bytes.");
  }

  private static boolean causedByLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FileUploadSizeException) {
        return true;
      }
    }
    return false;
  }

  /** The parser's own wording is about the stream structure only; it never names our paths. */
  private static String safeReason(FileUploadException e) {
    String message = e.getMessage();
    if (message == null || message.length() > 200 || message.contains("/")) {
      return "unreadable structure.";
    }
    return message;
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // The spool directory is swept at start-up; nothing else to do here.
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
