package io.docgrid.tasks.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A blob store in an S3 bucket (AWS S3, or an S3-compatible server such as MinIO, Ceph RGW or
 * s3proxy), so that nodes on different hosts share documents and results without a shared disk.
 * Keys mirror {@link LocalBlobStore}'s layout ({@link S3Keys}); the calls themselves, and what
 * their failures say, are {@link S3Bucket}'s.
 *
 * <p>Uploads are spooled to a local directory first (the API hashes them while streaming them to
 * disk, and the type is detected from the file before anything is stored), then sent with one
 * {@code PutObject}. A document is read by downloading it into the same directory, because the
 * extraction child JVMs read a path; the copy is deleted when its handle is closed.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

  /** User metadata holding when a document was last put, as an ISO-8601 instant. */
  static final String PUT_AT = "docgrid-put-at";

  private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);
  private static final String DOCUMENT_TYPE = "application/octet-stream";
  private static final long USABLE_CACHE_NANOS = Duration.ofSeconds(5).toNanos();
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /**
   * An access key. The secret never appears in {@link #toString()}, so a logged configuration is
   * safe.
   */
  public record Credentials(String accessKeyId, String secretAccessKey) {

    public Credentials {
      if (accessKeyId == null || accessKeyId.isBlank()) {
        throw new IllegalArgumentException("an access key id is required");
      }
      if (secretAccessKey == null || secretAccessKey.isBlank()) {
        throw new IllegalArgumentException("a secret access key is required");
      }
    }

    @Override
    public String toString() {
      return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
    }
  }

  /**
   * Where the bucket is and how to reach it.
   *
   * @param endpoint the S3 endpoint, for MinIO, Ceph or s3proxy; null for AWS S3 in {@code region}
   * @param region the signing region (any value the server accepts for non-AWS servers)
   * @param bucket an existing bucket
   * @param prefix prepended to every key, without leading or trailing slashes; empty for none
   * @param pathStyle address the bucket as {@code endpoint/bucket/key} rather than as a host name
   *     (what most S3-compatible servers need)
   * @param credentials the access key
   * @param spoolDirectory a local directory for uploads on their way in and documents being read
   * @param connectTimeout how long to wait for a connection
   * @param requestTimeout the longest silence on a connection, and the limit of a whole call that
   *     moves no document (metadata, results, deletes)
   */
  public record Settings(
      URI endpoint,
      String region,
      String bucket,
      String prefix,
      boolean pathStyle,
      Credentials credentials,
      Path spoolDirectory,
      Duration connectTimeout,
      Duration requestTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public Settings {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(credentials, "credentials");
      Objects.requireNonNull(spoolDirectory, "spoolDirectory");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    }
  }

  private final S3Bucket bucket;
  private final S3Keys keys;
  private final Path spool;
  private volatile Probe lastProbe;

  private record Probe(boolean usable, long atNanos) {}

  public S3BlobStore(Settings settings) throws IOException {
    this.spool = Files.createDirectories(settings.spoolDirectory());
    this.bucket = new S3Bucket(settings);
    this.keys = new S3Keys(settings.prefix());
  }

  @Override
  public Path createTemporaryFile() throws IOException {
    return Files.createTempFile(spool, "upload-", ".part");
  }

  @Override
  public Path temporaryDirectory() {
    return spool;
  }

  @Override
  public int deleteAbandonedTemporaryFiles() throws IOException {
    int deleted = 0;
    try (var files = Files.list(spool)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  /**
   * Uploads the spooled file unless the bucket has the document already, and deletes the spool file
   * either way. The put time lives in the object's user metadata ({@value #PUT_AT}), written with
   * the node's clock, rather than in {@code Last-Modified}: the server's clock may disagree with
   * the nodes' that compute the retention cutoff, and S3 has no way to touch an object. Marking a
   * document as put again replaces its metadata, which a new put time always changes.
   */
  @Override
  public void putDocument(String sha256, Path completeFile) throws IOException {
    String key = keys.document(sha256);
    try {
      // A document deleted by retention in between is uploaded again.
      if (bucket.head(key).isPresent() && bucket.replaceMetadata(key, DOCUMENT_TYPE, putNow())) {
        return;
      }
      // The key is the content's SHA-256, and S3 checks the bytes against it.
      bucket.putFile(key, DOCUMENT_TYPE, putNow(), sha256, completeFile);
    } finally {
      deleteQuietly(completeFile);
    }
  }

  /**
   * Deletes the document unless it was put at or after {@code putBefore}. Between the check and the
   * delete a concurrent upload can still refresh the put time; retention only asks for documents no
   * job row refers to, which leaves that window to a submission whose row is not written yet, as
   * with the local store.
   */
  @Override
  public boolean deleteDocument(String sha256, Instant putBefore) throws IOException {
    String key = keys.document(sha256);
    Optional<HeadObjectResponse> stored = bucket.head(key);
    if (stored.isEmpty() || !putAt(stored.get()).isBefore(putBefore)) {
      return false;
    }
    bucket.delete(key);
    return true;
  }

  /**
   * Whether the bucket holds the document. A failure other than "not found" throws {@link
   * UncheckedIOException}: an unreachable bucket must not look like a missing document.
   */
  @Override
  public boolean hasDocument(String sha256) {
    String key = keys.document(sha256);
    try {
      return bucket.head(key).isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DocumentFile openDocument(String sha256) throws IOException {
    String key = keys.document(sha256);
    Path local = Files.createTempFile(spool, "document-", ".tmp");
    try {
      download(key, sha256, local);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(local);
      throw e;
    }
    return new DocumentFile() {
      @Override
      public Path path() {
        return local;
      }

      @Override
      public void close() throws IOException {
        Files.deleteIfExists(local);
      }
    };
  }

  /** Downloads the object into {@code target}, checking its bytes against the hash in its key. */
  private void download(String key, String sha256, Path target) throws IOException {
    String actual =
        bucket
            .download(key, target)
            .orElseThrow(() -> new NoSuchFileException("document " + sha256));
    if (!actual.equals(sha256)) {
      throw new IOException(
          "S3 object " + bucket.where(key) + " is corrupt: its bytes have the SHA-256 " + actual);
    }
  }

  @Override
  public void putResult(UUID jobId, ResultKind kind, Path completeFile) throws IOException {
    try {
      bucket.putFile(keys.result(jobId, kind), kind.contentType(), Map.of(), null, completeFile);
    } finally {
      deleteQuietly(completeFile);
    }
  }

  @Override
  public Optional<InputStream> openResult(UUID jobId, ResultKind kind) throws IOException {
    return bucket.open(keys.result(jobId, kind));
  }

  @Override
  public void putResultPart(UUID jobId, int part, Path completeFile) throws IOException {
    try {
      bucket.putFile(
          keys.resultPart(jobId, part), "application/json", Map.of(), null, completeFile);
    } finally {
      deleteQuietly(completeFile);
    }
  }

  @Override
  public Optional<InputStream> openResultPart(UUID jobId, int part) throws IOException {
    return bucket.open(keys.resultPart(jobId, part));
  }

  @Override
  public int deleteResultParts(UUID jobId) throws IOException {
    List<String> parts = bucket.keysUnder(keys.resultParts(jobId));
    for (String part : parts) {
      bucket.delete(part);
    }
    return parts.size();
  }

  /** Deletes a job's results; S3 answers a delete of nothing with success, so it looks first. */
  @Override
  public boolean deleteResult(UUID jobId) throws IOException {
    for (ResultKind kind : ResultKind.values()) {
      if (kind != ResultKind.JSON) {
        bucket.delete(keys.result(jobId, kind));
      }
    }
    deleteResultParts(jobId);
    String key = keys.result(jobId);
    if (bucket.head(key).isEmpty()) {
      return false;
    }
    bucket.delete(key);
    return true;
  }

  /**
   * Whether uploads can be spooled and the bucket answers, with a short timeout; remembered for a
   * few seconds so that frequent readiness probes cost one request.
   */
  @Override
  public boolean isUsable() {
    Probe last = lastProbe;
    long now = System.nanoTime();
    if (last != null && now - last.atNanos() < USABLE_CACHE_NANOS) {
      return last.usable();
    }
    boolean usable = spoolIsWritable() && bucket.answers(PROBE_TIMEOUT);
    lastProbe = new Probe(usable, now);
    return usable;
  }

  private boolean spoolIsWritable() {
    try {
      Files.delete(Files.createTempFile(spool, "probe-", ".tmp"));
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("the S3 blob store's spool directory is not writable: {}", e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    bucket.close();
  }

  @Override
  public String toString() {
    return "S3BlobStore[" + bucket.where("") + "]";
  }

  /** When the object was last put: our metadata, or the server's time for objects put by others. */
  private static Instant putAt(HeadObjectResponse head) {
    String recorded = head.metadata().get(PUT_AT);
    if (recorded != null) {
      try {
        return Instant.parse(recorded);
      } catch (DateTimeParseException e) {
        // Not ours after all: fall back to the server's time.
      }
    }
    return head.lastModified();
  }

  private static Map<String, String> putNow() {
    return Map.of(PUT_AT, Instant.now().toString());
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete a spool file; it is swept at the next start: {}", e.toString());
    }
  }
}
