package io.docgrid.api.jobs;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.outbound.OutboundClient;
import io.docgrid.api.outbound.OutboundRefusedException;
import io.docgrid.api.outbound.OutboundRequest;
import io.docgrid.tasks.blob.BlobStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches a document a caller names by URL, through the {@link OutboundClient} (so the request
 * forgery guard checks the URL, every address and every redirect before connecting), into a spool
 * file hashed like an upload. The size limit holds while bytes arrive, and the time limit between
 * reads, each of which waits at most the outbound read timeout. The caller's headers go only to the
 * URL's origin and are never logged or shown.
 */
final class RemoteDocuments {

  private final OutboundClient outbound;
  private final BlobStore blobs;
  private final Duration timeout;

  /**
   * @param timeout the longest a whole fetch may take ({@code --url-fetch-timeout})
   */
  RemoteDocuments(OutboundClient outbound, BlobStore blobs, Duration timeout) {
    this.outbound = outbound;
    this.blobs = blobs;
    this.timeout = timeout;
  }

  /** The document at the source's URL, spooled; on failure nothing is left behind. */
  ReceivedUpload fetch(DocumentSource.RemoteDocument source, long maxBytes) throws IOException {
    URI checked = checked(source.url());
    long deadline = System.nanoTime() + timeout.toNanos();
    Path spooled = blobs.createTemporaryFile();
    try {
      HashingSpool.Spooled fetched =
          outbound.send(
              OutboundRequest.get(checked.toString(), source.headers()),
              response -> {
                if (response.status() < 200 || response.status() > 299) {
                  throw new ApiException(
                      ErrorCode.URL_FETCH_FAILED,
                      "The URL answered HTTP " + response.status() + "; it must answer 2xx.");
                }
                String length = response.header("Content-Length");
                if (length != null && declaredLength(length) > maxBytes) {
                  throw tooLarge(maxBytes);
                }
                return HashingSpool.copy(
                    response.body(),
                    spooled,
                    maxBytes,
                    () -> {
                      if (System.nanoTime() - deadline > 0) {
                        throw new InterruptedIOException("fetch deadline");
                      }
                    });
              });
      if (fetched.size() == 0) {
        throw new ApiException(ErrorCode.EMPTY_FILE, "The document at the URL has no content.");
      }
      return new ReceivedUpload(
          spooled,
          fetched.sha256(),
          fetched.size(),
          SafeFileName.of(source.fileName() != null ? source.fileName() : lastSegment(checked)),
          source.options(),
          shown(checked));
    } catch (OutboundRefusedException e) {
      Files.deleteIfExists(spooled);
      throw new ApiException(ErrorCode.URL_REFUSED, "The URL is refused: " + e.getMessage() + ".");
    } catch (HashingSpool.TooLarge e) {
      Files.deleteIfExists(spooled);
      throw tooLarge(maxBytes);
    } catch (InterruptedIOException e) {
      // A socket read timeout or the whole fetch's deadline.
      Files.deleteIfExists(spooled);
      throw new ApiException(
          ErrorCode.URL_FETCH_TIMEOUT,
          "Fetching the URL took longer than " + timeout.toSeconds() + " s.");
    } catch (IOException e) {
      Files.deleteIfExists(spooled);
      throw new ApiException(
          ErrorCode.URL_FETCH_FAILED,
          "The connection to the URL's host failed or was cut before the whole document came.");
    } catch (RuntimeException e) {
      Files.deleteIfExists(spooled);
      throw e;
    }
  }

  private URI checked(String url) {
    try {
      return outbound.check(url);
    } catch (OutboundRefusedException e) {
      throw new ApiException(ErrorCode.URL_REFUSED, "The URL is refused: " + e.getMessage() + ".");
    }
  }

  /**
   * The URL as a job shows it: without its query and fragment, which often carry a signature or a
   * token (the guard refuses credentials in the authority already).
   */
  static String shown(URI url) {
    return url.getScheme()
        + "://"
        + url.getRawAuthority()
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  private static String lastSegment(URI url) {
    String path = url.getRawPath();
    if (path == null || path.isEmpty() || path.endsWith("/")) {
      return SubmissionReader.DEFAULT_FILE_NAME;
    }
    String raw = path.substring(path.lastIndexOf('/') + 1);
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ApiException tooLarge(long maxBytes) {
    return new ApiException(
        ErrorCode.URL_TOO_LARGE,
        "The document at the URL exceeds the limit of " + maxBytes + " bytes.");
  }
}
