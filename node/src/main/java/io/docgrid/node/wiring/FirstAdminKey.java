package io.docgrid.node.wiring;

import io.docgrid.api.keys.KeyIssuer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secure by default means the first start must hand someone a key: when the database has no admin
 * key, one is made and written to {@code <data-dir>/admin.key}, readable by its owner only. The key
 * itself is never logged; the log says where it is.
 */
public final class FirstAdminKey {

  public static final String FILE_NAME = "admin.key";
  private static final Logger log = LoggerFactory.getLogger(FirstAdminKey.class);

  private FirstAdminKey() {}

  /** The file written, if this start created the first admin key. */
  public static Optional<Path> ensure(KeyIssuer issuer, Path dataDir) throws IOException {
    Optional<KeyIssuer.IssuedKey> issued = issuer.issueFirstAdmin("first admin key");
    if (issued.isEmpty()) {
      return Optional.empty();
    }
    Path file = dataDir.resolve(FILE_NAME);
    writeOwnerOnly(file, issued.get().secret().reveal() + "\n");
    log.info(
        "created admin key {} and wrote it to {} (readable by this user only)",
        issued.get().key().prefix(),
        file.toAbsolutePath());
    return Optional.of(file);
  }

  /** Writes a file that only its owner may read, created with those permissions from the start. */
  public static void writeOwnerOnly(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException raced) {
      throw new IOException("another process is writing " + file, raced);
    }
    try (Writer out =
        Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.WRITE)) {
      out.write(content);
    }
  }
}
