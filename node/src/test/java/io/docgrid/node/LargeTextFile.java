package io.docgrid.node;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/** A plain-text document of a chosen size, written for a test, and the hashes of files. */
final class LargeTextFile {

  private LargeTextFile() {}

  /** Numbered lines of random words until the file holds {@code bytes} bytes. */
  static Path write(Path file, long bytes, long seed) throws Exception {
    Random random = new Random(seed);
    String[] words = {"invoice", "total", "grid", "page", "scan", "order", "amount", "due"};
    long written = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (long line = 1; written < bytes; line++) {
        StringBuilder text = new StringBuilder().append(line);
        for (int i = 0; i < 9; i++) {
          text.append(' ').append(words[random.nextInt(words.length)]);
        }
        text.append('\n');
        String chunk =
            written + text.length() > bytes
                ? text.substring(0, (int) (bytes - written))
                : text.toString();
        out.write(chunk);
        written += chunk.length();
      }
    }
    return file;
  }

  static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
