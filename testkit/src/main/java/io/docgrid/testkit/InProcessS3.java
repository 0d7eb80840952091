package io.docgrid.testkit;

import java.net.URI;
import java.util.List;
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
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 server in this JVM on a free port of 127.0.0.1 (s3proxy over its in-memory store), checking
 * AWS signatures against a test key, with a plain SDK client to look into its buckets.
 */
public final class InProcessS3 implements AutoCloseable {

  public static final String ACCESS_KEY_ID = "docgrid-test-access";
  public static final String SECRET_ACCESS_KEY = "docgrid-test-secret";
  public static final String REGION = "us-east-1";

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client client;

  private InProcessS3(S3Proxy proxy) {
    this.proxy = proxy;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    this.client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(REGION))
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
            .httpClientBuilder(Apache5HttpClient.builder())
            .build();
  }

  public static InProcessS3 start() throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
            .build();
    proxy.start();
    return new InProcessS3(proxy);
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A plain SDK client of this server, signed with the test key. */
  public S3Client client() {
    return client;
  }

  /** A new empty bucket with a name of its own. */
  public String createBucket() {
    String bucket = "docgrid-test-" + BUCKETS.incrementAndGet();
    client.createBucket(builder -> builder.bucket(bucket));
    return bucket;
  }

  public List<String> keys(String bucket) {
    return client.listObjectsV2(builder -> builder.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  public byte[] read(String bucket, String key) {
    return client.getObjectAsBytes(builder -> builder.bucket(bucket).key(key)).asByteArray();
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
  }
}
