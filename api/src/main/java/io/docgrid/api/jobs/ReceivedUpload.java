package io.docgrid.api.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * An upload spooled to a temporary file, hashed and measured while it arrived.
 *
 * @param sourceUrl the URL it was fetched from, without credentials, or null when it was sent
 */
record ReceivedUpload(
    Path file, String sha256, long sizeBytes, String fileName, String options, String sourceUrl) {

  ReceivedUpload(Path file, String sha256, long sizeBytes, String fileName, String options) {
    this(file, sha256, sizeBytes, fileName, options, null);
  }

  /** Deletes the spool file, if it is still there. */
  void discard() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LoggerFactory.getLogger(ReceivedUpload.class)
          .warn("could not delete a spool file; it is swept at the next start");
    }
  }
}
