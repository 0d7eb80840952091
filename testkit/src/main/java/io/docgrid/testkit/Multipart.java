package io.docgrid.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A {@code multipart/form-data} job submission, as a client sends it: the document as {@code file},
 * and its options (JSON, or null).
 */
public record Multipart(String contentType, byte[] body) {

  public static Multipart of(Path document, String options) throws IOException {
    return of(document.getFileName().toString(), Files.readAllBytes(document), options);
  }

  public static Multipart of(String fileName, byte[] content, String options) {
    String boundary = "----docgrid-" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    if (options != null) {
      out.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"options\"\r\n\r\n"
                  + options
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
  }
}
