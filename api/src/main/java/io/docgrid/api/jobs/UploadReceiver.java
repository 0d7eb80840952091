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
import java.util.ArrayList;
import java.util.List;
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
    ReceivedUpload upload = receiveAll(ctx, 1).get(0);
    if (upload.sizeBytes() == 0) {
      upload.discard();
      throw new ApiException(ErrorCode.EMPTY_FILE, "The uploaded file has no content.");
    }
    return upload;
  }

  /**
   * Receives one to {@code maxFiles} parts named {@code file}, each with the body's one {@code
   * options} part; empty files are returned as they are, for the caller to refuse. On any failure
   * every spool file is already gone when this throws.
   */
  List<ReceivedUpload> receiveAll(Context ctx, int maxFiles) throws IOException {
    if (!JakartaServletFileUpload.isMultipartContent(ctx.req())) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "Send the document as multipart/form-data with a part named 'file', or JSON that names"
              + " a finished upload ({\"upload\": ...}), a stored document ({\"sha256\": ...})"
              + " or a URL ({\"url\": ...}).");
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > limits.maxRequestBytes()) {
      throw tooLarge();
    }
    var upload = new JakartaServletFileUpload<>();
    upload.setSizeMax(limits.maxRequestBytes());
    upload.setFileSizeMax(Math.max(limits.maxFileBytes(), limits.maxOptionsBytes()));
    upload.setFileCountMax(maxFiles + 15L);

    List<SpooledPart> files = new ArrayList<>();
    try {
      String options = null;
      FileItemInputIterator parts = upload.getItemIterator(ctx.req());
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        String field = part.getFieldName();
        if (FILE_FIELD.equals(field) && !part.isFormField()) {
          if (files.size() == maxFiles) {
            throw new ApiException(
                ErrorCode.INVALID_REQUEST,
                maxFiles == 1
                    ? "Send exactly one part named 'file'."
                    : "Send at most " + maxFiles + " parts named 'file'.");
          }
          Path spooled = blobStore.createTemporaryFile();
          files.add(new SpooledPart(spooled, part.getName(), null));
          try (InputStream in = part.getInputStream()) {
            files.set(
                files.size() - 1,
                new SpooledPart(spooled, part.getName(), HashingSpool.copy(in, spooled)));
          }
        } else if (OPTIONS_FIELD.equals(field)) {
          try (InputStream in = part.getInputStream()) {
            options = readBounded(in);
          }
        } else {
          drain(part);
        }
      }
      if (files.isEmpty()) {
        throw ApiException.invalidField(FILE_FIELD, "is required (a multipart file part)");
      }
      String shared = options;
      return files.stream().map(file -> file.received(shared)).toList();
    } catch (FileUploadSizeException e) {
      deleteAll(files);
      throw tooLarge();
    } catch (FileUploadException e) {
      deleteAll(files);
      if (causedByLimit(e)) {
        throw tooLarge();
      }
      throw new ApiException(
          ErrorCode.INVALID_REQUEST, "The multipart body is malformed: " + safeReason(e), e);
    } catch (IOException | RuntimeException e) {
      deleteAll(files);
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

  /** A file part spooled, or being spooled ({@code spooled} null). */
  private record SpooledPart(Path file, String name, HashingSpool.Spooled spooled) {
    ReceivedUpload received(String options) {
      return new ReceivedUpload(
          file, spooled.sha256(), spooled.size(), SafeFileName.of(name), options);
    }
  }

  private static void deleteAll(List<SpooledPart> files) {
    files.forEach(file -> deleteQuietly(file.file()));
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
}
