package io.docgrid.node;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** tus 1.0 requests sent by hand, for the cases a real client never makes (or makes too well). */
final class TusRequests {

  static final String UPLOADS = "/api/v1/uploads";
  static final String VERSION = "1.0.0";

  private final HttpApi api;

  TusRequests(HttpApi api) {
    this.api = api;
  }

  /** Creates an upload of {@code length} bytes named {@code fileName}; returns its path. */
  String create(long length, String fileName) throws Exception {
    HttpResponse<String> created = createResponse(length, fileName);
    if (created.statusCode() != 201) {
      throw new AssertionError("creation: HTTP " + created.statusCode() + " " + created.body());
    }
    return pathOf(created);
  }

  HttpResponse<String> createResponse(long length, String fileName) throws Exception {
    return api.send(
        api.request(UPLOADS)
            .header("Tus-Resumable", VERSION)
            .header("Upload-Length", Long.toString(length))
            .header("Upload-Metadata", "filename " + base64(fileName))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** The path of the upload a creation answered with, from its Location. */
  static String pathOf(HttpResponse<String> created) {
    String location = created.headers().firstValue("Location").orElseThrow();
    return location.substring(location.indexOf(UPLOADS));
  }

  HttpResponse<String> head(String upload) throws Exception {
    return api.send(
        api.request(upload)
            .header("Tus-Resumable", VERSION)
            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  long offset(String upload) throws Exception {
    HttpResponse<String> head = head(upload);
    if (head.statusCode() != 200) {
      throw new AssertionError("HEAD: HTTP " + head.statusCode());
    }
    return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
  }

  HttpResponse<String> patch(String upload, long offset, byte[] chunk) throws Exception {
    return patch(upload, offset, chunk, null);
  }

  /** A PATCH of {@code chunk} at {@code offset}, with {@code Upload-Checksum} when given. */
  HttpResponse<String> patch(String upload, long offset, byte[] chunk, String checksum)
      throws Exception {
    var request =
        api.request(upload)
            .header("Tus-Resumable", VERSION)
            .header("Content-Type", "application/offset+octet-stream")
            .header("Upload-Offset", Long.toString(offset))
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk));
    if (checksum != null) {
      request.header("Upload-Checksum", checksum);
    }
    return api.send(request);
  }

  /** Sends {@code content} from offset 0 in one PATCH; returns the upload's path. */
  String upload(String fileName, byte[] content) throws Exception {
    String upload = create(content.length, fileName);
    HttpResponse<String> patched = patch(upload, 0, content);
    if (patched.statusCode() != 204) {
      throw new AssertionError("PATCH: HTTP " + patched.statusCode() + " " + patched.body());
    }
    return upload;
  }

  HttpResponse<String> delete(String upload) throws Exception {
    return api.send(api.request(upload).header("Tus-Resumable", VERSION).DELETE());
  }

  static String sha256Checksum(byte[] bytes) throws Exception {
    return "sha256 "
        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] slice(byte[] bytes, long from, long to) {
    return Arrays.copyOfRange(bytes, (int) from, (int) to);
  }
}
