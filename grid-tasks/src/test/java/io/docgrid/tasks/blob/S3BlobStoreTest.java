package io.docgrid.tasks.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.testkit.InProcessS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/** The blob store contract on an S3 server (s3proxy in this JVM), and what is S3's own. */
class S3BlobStoreTest extends BlobStoreContract {

  private static final String PREFIX = "tenant-a/docgrid";

  private static InProcessS3 server;

  @TempDir Path spool;

  private String bucket;

  @BeforeAll
  static void startServer() throws Exception {
    server = InProcessS3.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  BlobStore newStore() throws Exception {
    bucket = server.createBucket();
    return new S3BlobStore(settings(bucket));
  }

  @Override
  BlobStore reopen() throws Exception {
    return new S3BlobStore(settings(bucket));
  }

  @Override
  void pretendPutAt(String sha256, Instant putAt) {
    String key = documentKey(sha256);
    server
        .client()
        .copyObject(
            builder ->
                builder
                    .sourceBucket(bucket)
                    .sourceKey(key)
                    .destinationBucket(bucket)
                    .destinationKey(key)
                    .metadataDirective(MetadataDirective.REPLACE)
                    .metadata(Map.of(S3BlobStore.PUT_AT, putAt.toString())));
  }

  @Test
  void objects_are_laid_out_as_in_the_local_store_under_the_prefix() throws Exception {
    String sha = sha256("a document");
    Path upload = store.createTemporaryFile();
    Files.writeString(upload, "a document");
    UUID job = UUID.randomUUID();

    store.putDocument(sha, upload);
    store.putResult(job, ResultKind.JSON, spooled("{}"));
    store.putResultPart(job, 0, spooled("[]"));

    assertThat(keys())
        .containsExactlyInAnyOrder(
            PREFIX + "/documents/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha,
            PREFIX + "/results/" + job + ".json",
            PREFIX + "/results/" + job + ".parts/0.json");
    assertThat(
            server
                .client()
                .headObject(builder -> builder.bucket(bucket).key(documentKey(sha)))
                .metadata())
        .containsKey(S3BlobStore.PUT_AT);
  }

  @Test
  void an_opened_document_is_a_local_copy_in_the_spool_directory_deleted_on_close()
      throws Exception {
    String sha = sha256("bytes");
    Path upload = store.createTemporaryFile();
    Files.writeString(upload, "bytes");
    store.putDocument(sha, upload);

    Path copy;
    try (var document = store.openDocument(sha)) {
      copy = document.path();
      assertThat(copy.getParent()).isEqualTo(spool);
      assertThat(Files.readString(copy)).isEqualTo("bytes");
    }

    assertThat(copy).doesNotExist();
    try (var files = Files.list(spool)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void a_document_whose_bytes_do_not_match_its_hash_is_refused() throws Exception {
    String sha = sha256("the real bytes");
    server
        .client()
        .putObject(
            builder -> builder.bucket(bucket).key(documentKey(sha)),
            RequestBody.fromString("tampered"));

    assertThatThrownBy(() -> store.openDocument(sha))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("s3://" + bucket + "/" + documentKey(sha))
        .hasMessageContaining("corrupt");
    try (var files = Files.list(spool)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void a_document_uploaded_under_a_hash_it_does_not_have_is_refused_by_the_server()
      throws Exception {
    Path upload = store.createTemporaryFile();
    Files.writeString(upload, "these bytes");

    assertThatThrownBy(() -> store.putDocument(sha256("other bytes"), upload))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("S3 PutObject of s3://" + bucket + "/");
    assertThat(upload).doesNotExist();
    assertThat(keys()).isEmpty();
  }

  @Test
  void refused_credentials_fail_with_the_bucket_key_and_status_but_never_the_secret()
      throws Exception {
    S3BlobStore.Settings good = settings(bucket);
    S3BlobStore.Credentials wrong =
        new S3BlobStore.Credentials(good.credentials().accessKeyId(), "not-the-secret-42");
    try (S3BlobStore refused =
        new S3BlobStore(
            new S3BlobStore.Settings(
                good.endpoint(),
                good.region(),
                good.bucket(),
                good.prefix(),
                good.pathStyle(),
                wrong,
                good.spoolDirectory(),
                good.connectTimeout(),
                good.requestTimeout()))) {
      UUID job = UUID.randomUUID();
      Path upload = refused.createTemporaryFile();
      Files.writeString(upload, "x");

      Path result = refused.createTemporaryFile();
      assertThatThrownBy(() -> refused.putResult(job, ResultKind.JSON, result))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("s3://" + bucket + "/" + PREFIX + "/results/" + job + ".json")
          .hasMessageContaining("HTTP 403")
          .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain("not-the-secret-42"));
      assertThatThrownBy(() -> refused.putDocument(sha256("x"), upload))
          .isInstanceOf(IOException.class);
      assertThat(upload).as("the spool file is deleted whatever happens").doesNotExist();
      assertThat(refused.isUsable()).isFalse();
      assertThat(wrong.toString()).doesNotContain("not-the-secret-42");
      assertThat(refused.toString()).doesNotContain("not-the-secret-42");
    }
  }

  @Test
  void an_unreachable_server_makes_the_store_unusable_and_lookups_fail_loudly() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    S3BlobStore.Settings good = settings(bucket);
    try (S3BlobStore unreachable =
        new S3BlobStore(
            new S3BlobStore.Settings(
                URI.create("http://127.0.0.1:" + closedPort),
                good.region(),
                good.bucket(),
                good.prefix(),
                good.pathStyle(),
                good.credentials(),
                good.spoolDirectory(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2)))) {
      assertThat(unreachable.isUsable()).isFalse();
      assertThatThrownBy(() -> unreachable.hasDocument(SHA))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("S3 HeadObject of s3://" + bucket + "/");
      assertThatThrownBy(() -> unreachable.openResult(UUID.randomUUID(), ResultKind.JSON))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("S3 GetObject of s3://" + bucket + "/");
    }
  }

  @Test
  void a_missing_bucket_makes_the_store_unusable() throws Exception {
    try (S3BlobStore missing = new S3BlobStore(settings("no-such-bucket"))) {
      assertThat(missing.isUsable()).isFalse();
    }
  }

  private java.util.List<String> keys() {
    return server.keys(bucket);
  }

  /** Settings for a store in {@code bucket} of the test server, spooling to {@code spool}. */
  private S3BlobStore.Settings settings(String bucket) {
    return new S3BlobStore.Settings(
        server.endpoint(),
        InProcessS3.REGION,
        bucket,
        PREFIX,
        true,
        new S3BlobStore.Credentials(InProcessS3.ACCESS_KEY_ID, InProcessS3.SECRET_ACCESS_KEY),
        spool,
        S3BlobStore.Settings.DEFAULT_CONNECT_TIMEOUT,
        S3BlobStore.Settings.DEFAULT_REQUEST_TIMEOUT);
  }

  private static String documentKey(String sha256) {
    return PREFIX
        + "/documents/"
        + sha256.substring(0, 2)
        + "/"
        + sha256.substring(2, 4)
        + "/"
        + sha256;
  }

  private static String stackTraceOf(Throwable e) {
    var out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  private Path spooled(String content) throws IOException {
    Path file = store.createTemporaryFile();
    Files.writeString(file, content);
    return file;
  }
}
