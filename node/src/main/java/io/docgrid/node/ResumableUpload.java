package io.docgrid.node;

import io.docgrid.node.admin.ApiClient;
import io.docgrid.node.config.CommandFailure;
import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Sends a file to {@code /api/v1/uploads} with tus-java-client: in chunks, resumed from the
 * server's offset after a failed request and, through a state file that maps each file to its
 * upload, after the command itself was interrupted and run again.
 */
final class ResumableUpload {

  private static final int CHUNK_BYTES = 4 << 20;
  private static final int ATTEMPTS = 6;

  private final ApiClient client;
  private final Path stateFile;
  private final PrintWriter err;

  ResumableUpload(ApiClient client, Path stateFile, PrintWriter err) {
    this.client = client;
    this.stateFile = stateFile;
    this.err = err;
  }

  /** Uploads {@code file}, or what of it the server lacks; returns the finished upload's URL. */
  URL send(Path file) {
    TusClient tus = new TusClient();
    tus.setUploadCreationURL(client.urlOf("/api/v1/uploads"));
    tus.setHeaders(client.credentialHeaders());
    tus.enableResuming(new FileUrlStore(stateFile));
    tus.enableRemoveFingerprintOnSuccess();
    for (int attempt = 1; ; attempt++) {
      try {
        TusUploader uploader = tus.resumeOrCreateUpload(new TusUpload(file.toFile()));
        if (uploader.getOffset() > 0) {
          err.println(file.getFileName() + ": resuming at byte " + uploader.getOffset());
        }
        uploader.setChunkSize(CHUNK_BYTES);
        uploader.setRequestPayloadSize(4 * CHUNK_BYTES);
        while (uploader.uploadChunk() > -1) {
          // each chunk moves the server's offset on
        }
        uploader.finish();
        return uploader.getUploadURL();
      } catch (IOException | ProtocolException e) {
        if (attempt == ATTEMPTS) {
          throw new CommandFailure(
              CommandFailure.FAILED,
              file.getFileName()
                  + ": upload failed "
                  + ATTEMPTS
                  + " times ("
                  + e.getMessage()
                  + "); run the same command again to resume it");
        }
        err.println(file.getFileName() + ": upload interrupted (" + e.getMessage() + "); resuming");
        err.flush();
        pause(Duration.ofSeconds(1L << (attempt - 1)));
      }
    }
  }

  private static void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(CommandFailure.FAILED, "interrupted while uploading");
    }
  }

  /** The uploads in progress, by the client's fingerprint of each file, in a properties file. */
  private record FileUrlStore(Path file) implements TusURLStore {

    @Override
    public synchronized void set(String fingerprint, URL url) {
      Properties uploads = load();
      uploads.setProperty(fingerprint, url.toString());
      save(uploads);
    }

    @Override
    public synchronized URL get(String fingerprint) {
      String url = load().getProperty(fingerprint);
      try {
        return url == null ? null : new URL(url);
      } catch (IOException e) {
        return null; // a damaged line: start that file's upload afresh
      }
    }

    @Override
    public synchronized void remove(String fingerprint) {
      Properties uploads = load();
      if (uploads.remove(fingerprint) != null) {
        save(uploads);
      }
    }

    private Properties load() {
      Properties uploads = new Properties();
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          uploads.load(in);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return uploads;
    }

    private void save(Properties uploads) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
          uploads.store(out, "docgrid submit --resumable: uploads in progress");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
