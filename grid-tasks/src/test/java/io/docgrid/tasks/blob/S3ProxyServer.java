package io.docgrid.tasks.blob;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server in this JVM on a free port of 127.0.0.1 (s3proxy over its in-memory store), checking
 * AWS signatures against a test key, and a plain SDK client to look into it from tests.
 */
final class S3ProxyServer implements AutoCloseable {

  static final S3BlobStore.Credentials CREDENTIALS =
      new S3BlobStore.Credentials("docgrid-test-access", "docgrid-test-secret");

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final S3Proxy proxy;
  private final URI endpoint;
  final S3Client client;

  private S3ProxyServer(S3Proxy proxy) {
    this.proxy = proxy;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    this.client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey())))
            .httpClientBuilder(Apache5HttpClient.builder())
            .build();
  }

  static S3ProxyServer start() throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4,
                CREDENTIALS.accessKeyId(),
                CREDENTIALS.secretAccessKey())
            .build();
    proxy.start();
    return new S3ProxyServer(proxy);
  }

  URI endpoint() {
    return endpoint;
  }

  /** A new empty bucket. */
  String createBucket() {
    String bucket = "docgrid-test-" + BUCKETS.incrementAndGet();
    client.createBucket(builder -> builder.bucket(bucket));
    return bucket;
  }

  /** Settings for a store in {@code bucket} under {@code prefix}, spooling to {@code spool}. */
  S3BlobStore.Settings settings(String bucket, String prefix, Path spool) {
    return new S3BlobStore.Settings(
        endpoint,
        "us-east-1",
        bucket,
        prefix,
        true,
        CREDENTIALS,
        spool,
        S3BlobStore.Settings.DEFAULT_CONNECT_TIMEOUT,
        S3BlobStore.Settings.DEFAULT_REQUEST_TIMEOUT);
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
  }
}
