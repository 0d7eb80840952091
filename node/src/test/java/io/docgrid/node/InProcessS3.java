package io.docgrid.node;

import io.docgrid.tasks.blob.S3BlobStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 server in this JVM on a free port of 127.0.0.1 (s3proxy over its in-memory store, checking
 * AWS signatures against a test key), with a plain SDK client to look into its buckets.
 */
final class InProcessS3 implements AutoCloseable {

  static final S3BlobStore.Credentials CREDENTIALS =
      new S3BlobStore.Credentials("docgrid-e2e-access", "docgrid-e2e-secret");

  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client client;

  InProcessS3() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4,
                CREDENTIALS.accessKeyId(),
                CREDENTIALS.secretAccessKey())
            .build();
    proxy.start();
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    client =
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

  URI endpoint() {
    return endpoint;
  }

  void createBucket(String bucket) {
    client.createBucket(builder -> builder.bucket(bucket));
  }

  /** Settings for a store in {@code bucket} under {@code prefix}, as the flags would give them. */
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

  List<String> keys(String bucket) {
    return client.listObjectsV2(builder -> builder.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  byte[] read(String bucket, String key) {
    return client.getObjectAsBytes(builder -> builder.bucket(bucket).key(key)).asByteArray();
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
  }
}
