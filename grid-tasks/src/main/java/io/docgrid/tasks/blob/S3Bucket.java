package io.docgrid.tasks.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The S3 calls {@link S3BlobStore} makes on its bucket, through one client configured from the
 * node's settings alone. "Not found" comes back as an empty answer; every other failure as an
 * {@link IOException} that names the operation and the object, never the credentials. Calls that
 * move no document (metadata, small results, deletes) are limited to the request timeout as a
 * whole; those that stream a document are limited only by the silence on their connection.
 */
final class S3Bucket implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(S3Bucket.class);

  private final String bucket;
  private final Duration requestTimeout;
  private final S3Client s3;

  S3Bucket(S3BlobStore.Settings settings) {
    this.bucket = settings.bucket();
    this.requestTimeout = settings.requestTimeout();
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
            // uploads carry their SHA-256 instead (see putFile), and downloads are hashed here.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // Everything comes from the node's configuration, never from ~/.aws of the host.
            .overrideConfiguration(
                override -> override.defaultProfileFileSupplier(S3Bucket::emptyProfileFile));
    if (settings.endpoint() != null) {
      client.endpointOverride(settings.endpoint());
    }
    this.s3 = client.build();
  }

  Optional<HeadObjectResponse> head(String key) throws IOException {
    try {
      return Optional.of(
          s3.headObject(
              builder -> builder.bucket(bucket).key(key).overrideConfiguration(wholeCall())));
    } catch (SdkException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("HeadObject", key, e);
    }
  }

  /**
   * Uploads {@code file}. With {@code sha256}, S3 checks the bytes against it, so an object is
   * never stored under a hash it does not have.
   *
   * @param sha256 the content's SHA-256 in lower-case hex, or null for no check
   */
  void putFile(
      String key, String contentType, Map<String, String> metadata, String sha256, Path file)
      throws IOException {
    try {
      s3.putObject(
          builder -> {
            builder.bucket(bucket).key(key).contentType(contentType).metadata(metadata);
            if (sha256 != null) {
              builder.checksumSHA256(
                  Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)));
            }
          },
          RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw failure("PutObject", key, e);
    }
  }

  /**
   * Replaces an object's user metadata by a {@code CopyObject} onto itself, which S3 allows only
   * when the metadata changes. False if the object is gone.
   */
  boolean replaceMetadata(String key, String contentType, Map<String, String> metadata)
      throws IOException {
    try {
      s3.copyObject(
          builder ->
              builder
                  .sourceBucket(bucket)
                  .sourceKey(key)
                  .destinationBucket(bucket)
                  .destinationKey(key)
                  .metadataDirective(MetadataDirective.REPLACE)
                  .contentType(contentType)
                  .metadata(metadata)
                  .overrideConfiguration(wholeCall()));
      return true;
    } catch (SdkException e) {
      if (isNotFound(e)) {
        return false;
      }
      throw failure("CopyObject", key, e);
    }
  }

  /** Deletes the object; S3 answers a delete of nothing with success too. */
  void delete(String key) throws IOException {
    try {
      s3.deleteObject(
          builder -> builder.bucket(bucket).key(key).overrideConfiguration(wholeCall()));
    } catch (SdkException e) {
      throw failure("DeleteObject", key, e);
    }
  }

  /** The keys of the objects under {@code prefix}, page by page as S3 lists them. */
  List<String> keysUnder(String prefix) throws IOException {
    try {
      List<String> keys = new ArrayList<>();
      s3.listObjectsV2Paginator(
              builder -> builder.bucket(bucket).prefix(prefix).overrideConfiguration(wholeCall()))
          .contents()
          .forEach(object -> keys.add(object.key()));
      return keys;
    } catch (SdkException e) {
      throw failure("ListObjectsV2", prefix, e);
    }
  }

  /** The object's content as a stream, which the caller closes. */
  Optional<InputStream> open(String key) throws IOException {
    try {
      return Optional.of(s3.getObject(builder -> builder.bucket(bucket).key(key)));
    } catch (SdkException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("GetObject", key, e);
    }
  }

  /**
   * Downloads the object into {@code target} and returns the SHA-256 of its bytes, in lower-case
   * hex; empty if there is no such object.
   */
  Optional<String> download(String key, Path target) throws IOException {
    MessageDigest digest = sha256Digest();
    try (InputStream in =
            new DigestInputStream(
                s3.getObject(builder -> builder.bucket(bucket).key(key)), digest);
        OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    } catch (SdkException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("GetObject", key, e);
    } catch (IOException e) {
      // The connection broke or the spool disk filled up half-way: say which object it was.
      throw new IOException("S3 GetObject of " + where(key) + " failed: " + e, e);
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  /** Whether the bucket answers within {@code timeout}; logs why not. */
  boolean answers(Duration timeout) {
    try {
      s3.headBucket(
          builder ->
              builder
                  .bucket(bucket)
                  .overrideConfiguration(
                      AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout).build()));
      return true;
    } catch (SdkException e) {
      log.warn("{}", failure("HeadBucket", "", e).getMessage());
      return false;
    }
  }

  /** The object's address, for messages: {@code s3://bucket/key}. */
  String where(String key) {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public void close() {
    s3.close();
  }

  private AwsRequestOverrideConfiguration wholeCall() {
    return AwsRequestOverrideConfiguration.builder().apiCallTimeout(requestTimeout).build();
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
