package io.docgrid.tasks.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A blob store in an S3 bucket (AWS S3, or an S3-compatible server such as MinIO, Ceph RGW or
 * s3proxy), so that nodes on different hosts share documents and results without a shared disk.
 * Keys mirror {@link LocalBlobStore}'s layout under an optional prefix: {@code
 * <prefix>/documents/ab/cd/<sha256>} and {@code <prefix>/results/<job id>.json}.
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
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
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

  private final Settings settings;
  private final S3Client s3;
  private final Path spool;
  private volatile Probe lastProbe;

  private record Probe(boolean usable, long atNanos) {}

  public S3BlobStore(Settings settings) throws IOException {
    this.settings = settings;
    this.spool = Files.createDirectories(settings.spoolDirectory());
    var client =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        settings.credentials().accessKeyId(),
                        settings.credentials().secretAccessKey())))
            .forcePathStyle(settings.pathStyle())
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.requestTimeout()))
            // Checksums only where an operation requires one. The SDK's default sends every upload
            // aws-chunked with a trailing CRC, which several S3-compatible servers reject; document
            // uploads carry their SHA-256 instead (see putDocument), and downloads are hashed here.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // Everything comes from the node's configuration, never from ~/.aws of the host.
            .overrideConfiguration(
                override -> override.defaultProfileFileSupplier(S3BlobStore::emptyProfileFile));
    if (settings.endpoint() != null) {
      client.endpointOverride(settings.endpoint());
    }
    this.s3 = client.build();
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
   * document as put again is a {@code CopyObject} onto itself that replaces the metadata; S3 allows
   * a self-copy only when it changes the metadata, which a new put time always does.
   */
  @Override
  public void putDocument(String sha256, Path completeFile) throws IOException {
    String key = documentKey(sha256);
    try {
      if (head(key).isPresent() && markPut(key)) {
        return;
      }
      s3.putObject(
          builder ->
              builder
                  .bucket(settings.bucket())
                  .key(key)
                  .contentType(DOCUMENT_TYPE)
                  .metadata(putNow())
                  // The key is the content's SHA-256: S3 checks the bytes against it, so a
                  // document is never stored under a hash it does not have.
                  .checksumSHA256(
                      Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256))),
          RequestBody.fromFile(completeFile));
    } catch (SdkException e) {
      throw failure("PutObject", key, e);
    } finally {
      deleteQuietly(completeFile);
    }
  }

  /** Refreshes a stored document's put time; false if it vanished since it was seen. */
  private boolean markPut(String key) throws IOException {
    try {
      s3.copyObject(
          builder ->
              builder
                  .sourceBucket(settings.bucket())
                  .sourceKey(key)
                  .destinationBucket(settings.bucket())
                  .destinationKey(key)
                  .metadataDirective(MetadataDirective.REPLACE)
                  .contentType(DOCUMENT_TYPE)
                  .metadata(putNow())
                  .overrideConfiguration(smallCall()));
      return true;
    } catch (SdkException e) {
      if (isNotFound(e)) {
        return false; // deleted by retention in between: upload it again
      }
      throw failure("CopyObject", key, e);
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
    String key = documentKey(sha256);
    try {
      Optional<HeadObjectResponse> stored = head(key);
      if (stored.isEmpty() || !putAt(stored.get()).isBefore(putBefore)) {
        return false;
      }
      s3.deleteObject(
          builder -> builder.bucket(settings.bucket()).key(key).overrideConfiguration(smallCall()));
      return true;
    } catch (SdkException e) {
      throw failure("DeleteObject", key, e);
    }
  }

  /**
   * Whether the bucket holds the document. A failure other than "not found" throws {@link
   * UncheckedIOException}: an unreachable bucket must not look like a missing document.
   */
  @Override
  public boolean hasDocument(String sha256) {
    String key = documentKey(sha256);
    try {
      return head(key).isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DocumentFile openDocument(String sha256) throws IOException {
    String key = documentKey(sha256);
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
    MessageDigest digest = sha256Digest();
    try (InputStream in =
            new DigestInputStream(
                s3.getObject(builder -> builder.bucket(settings.bucket()).key(key)), digest);
        OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    } catch (SdkException e) {
      if (isNotFound(e)) {
        throw new NoSuchFileException("document " + sha256);
      }
      throw failure("GetObject", key, e);
    } catch (IOException e) {
      // The connection broke or the spool disk filled up half-way: say which object it was.
      throw new IOException("S3 GetObject of " + where(key) + " failed: " + e, e);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(sha256)) {
      throw new IOException(
          "S3 object " + where(key) + " is corrupt: its bytes have the SHA-256 " + actual);
    }
  }

  @Override
  public void putResult(UUID jobId, byte[] content) throws IOException {
    String key = resultKey(jobId);
    try {
      s3.putObject(
          builder ->
              builder
                  .bucket(settings.bucket())
                  .key(key)
                  .contentType("application/json")
                  .overrideConfiguration(smallCall()),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw failure("PutObject", key, e);
    }
  }

  @Override
  public Optional<byte[]> readResult(UUID jobId) throws IOException {
    String key = resultKey(jobId);
    try {
      return Optional.of(
          s3.getObjectAsBytes(
                  builder ->
                      builder.bucket(settings.bucket()).key(key).overrideConfiguration(smallCall()))
              .asByteArray());
    } catch (SdkException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("GetObject", key, e);
    }
  }

  @Override
  public void putResult(UUID jobId, ResultKind kind, Path completeFile) throws IOException {
    String key = resultKey(jobId, kind);
    try {
      s3.putObject(
          builder -> builder.bucket(settings.bucket()).key(key).contentType(kind.contentType()),
          RequestBody.fromFile(completeFile));
    } catch (SdkException e) {
      throw failure("PutObject", key, e);
    } finally {
      deleteQuietly(completeFile);
    }
  }

  @Override
  public Optional<InputStream> openResult(UUID jobId, ResultKind kind) throws IOException {
    String key = resultKey(jobId, kind);
    try {
      return Optional.of(s3.getObject(builder -> builder.bucket(settings.bucket()).key(key)));
    } catch (SdkException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("GetObject", key, e);
    }
  }

  /** Deletes a job's results; S3 answers a delete of nothing with success, so it looks first. */
  @Override
  public boolean deleteResult(UUID jobId) throws IOException {
    for (ResultKind kind : ResultKind.values()) {
      if (kind != ResultKind.JSON) {
        String rendering = resultKey(jobId, kind);
        try {
          s3.deleteObject(
              builder ->
                  builder
                      .bucket(settings.bucket())
                      .key(rendering)
                      .overrideConfiguration(smallCall()));
        } catch (SdkException e) {
          throw failure("DeleteObject", rendering, e);
        }
      }
    }
    String key = resultKey(jobId);
    try {
      if (head(key).isEmpty()) {
        return false;
      }
      s3.deleteObject(
          builder -> builder.bucket(settings.bucket()).key(key).overrideConfiguration(smallCall()));
      return true;
    } catch (SdkException e) {
      throw failure("DeleteObject", key, e);
    }
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
    boolean usable = spoolIsWritable() && bucketAnswers();
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

  private boolean bucketAnswers() {
    try {
      s3.headBucket(
          builder ->
              builder
                  .bucket(settings.bucket())
                  .overrideConfiguration(
                      AwsRequestOverrideConfiguration.builder()
                          .apiCallTimeout(PROBE_TIMEOUT)
                          .build()));
      return true;
    } catch (SdkException e) {
      log.warn("{}", failure("HeadBucket", "", e).getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  @Override
  public String toString() {
    return "S3BlobStore[" + where("") + "]";
  }

  private Optional<HeadObjectResponse> head(String key) throws IOException {
    try {
      return Optional.of(
          s3.headObject(
              builder ->
                  builder.bucket(settings.bucket()).key(key).overrideConfiguration(smallCall())));
    } catch (SdkException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("HeadObject", key, e);
    }
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

  private AwsRequestOverrideConfiguration smallCall() {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(settings.requestTimeout())
        .build();
  }

  private String documentKey(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
    }
    return key("documents/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256);
  }

  private String resultKey(UUID jobId) {
    return resultKey(jobId, ResultKind.JSON);
  }

  private String resultKey(UUID jobId, ResultKind kind) {
    return key("results/" + jobId + "." + kind.extension());
  }

  private String key(String path) {
    return settings.prefix().isEmpty() ? path : settings.prefix() + "/" + path;
  }

  private String where(String key) {
    return "s3://" + settings.bucket() + "/" + key;
  }

  private static boolean isNotFound(SdkException e) {
    return e instanceof NoSuchKeyException
        || (e instanceof S3Exception s3 && s3.statusCode() == 404);
  }

  /**
   * An S3 failure as an {@link IOException} that says what failed where, and why: the HTTP status
   * and S3's error code, or the client-side reason (connection refused, timeout). Credentials are
   * never part of either.
   */
  private IOException failure(String operation, String key, SdkException e) {
    String reason;
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      reason = "HTTP " + s3.statusCode() + (code == null ? "" : " " + code);
    } else {
      reason = e.getMessage();
    }
    return new IOException("S3 " + operation + " of " + where(key) + " failed: " + reason, e);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete a spool file; it is swept at the next start: {}", e.toString());
    }
  }

  private static ProfileFile emptyProfileFile() {
    return ProfileFile.builder()
        .content(new ByteArrayInputStream(new byte[0]))
        .type(ProfileFile.Type.CONFIGURATION)
        .build();
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
