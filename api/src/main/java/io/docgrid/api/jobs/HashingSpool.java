package io.docgrid.api.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies a document's bytes to a spool file while computing their SHA-256 and size, so that every
 * way a document arrives is hashed the same way (and so meets the result cache and quarantine).
 */
final class HashingSpool {

  /** What was spooled. */
  record Spooled(String sha256, long size) {}

  /** Thrown when more than the allowed bytes arrive; the spool file then holds a prefix. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("more bytes than allowed");
    }
  }

  /** Called between reads; throws to stop the copy (a deadline). */
  @FunctionalInterface
  interface Check {
    void between() throws IOException;
  }

  private HashingSpool() {}

  static Spooled copy(InputStream in, Path target) throws IOException {
    return copy(in, target, Long.MAX_VALUE, () -> {});
  }

  /** Copies at most {@code maxBytes}, running {@code check} before every read. */
  static Spooled copy(InputStream in, Path target, long maxBytes, Check check) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      while (true) {
        check.between();
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        size += read;
        if (size > maxBytes) {
          throw new TooLarge();
        }
        digest.update(buffer, 0, read);
        out.write(buffer, 0, read);
      }
    }
    return new Spooled(HexFormat.of().formatHex(digest.digest()), size);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
