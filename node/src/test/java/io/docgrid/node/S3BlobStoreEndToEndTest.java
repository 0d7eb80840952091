package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.node.config.BlobStoreConfig;
import io.docgrid.tasks.blob.S3BlobStore;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.InProcessS3;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node whose documents and results live in an S3 bucket (s3proxy in this JVM): what comes
 * back matches a direct extraction, the objects are where the layout says, and the node's disk
 * keeps nothing of the document but an empty spool directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BlobStoreEndToEndTest {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
  private static final String PREFIX = "site-1/docgrid";

  private InProcessS3 s3;
  private String bucket;
  private TestNode node;
  private Path dataDir;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    this.dataDir = dataDir;
    s3 = InProcessS3.start();
    bucket = s3.createBucket();
    node =
        TestNodeConfig.in(dataDir)
            .compute(true)
            .maxUpload(100L << 20)
            .blobStore(
                BlobStoreConfig.s3(
                    new S3BlobStore.Settings(
                        s3.endpoint(),
                        InProcessS3.REGION,
                        bucket,
                        PREFIX,
                        true,
                        new S3BlobStore.Credentials(
                            InProcessS3.ACCESS_KEY_ID, InProcessS3.SECRET_ACCESS_KEY),
                        dataDir.resolve("spool"),
                        S3BlobStore.Settings.DEFAULT_CONNECT_TIMEOUT,
                        S3BlobStore.Settings.DEFAULT_REQUEST_TIMEOUT)))
            .start();
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void a_pdf_goes_through_the_bucket_and_comes_back_as_pdfbox_extracts_it() throws Exception {
    Path file = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    String sha = sha256(Files.readAllBytes(file));

    JsonNode job = submitAndAwait(file);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    String id = job.get("id").asText();
    HttpResponse<String> response = node.http.get("/api/v1/jobs/" + id + "/result");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode result = json(response);

    List<String> expected = DirectExtraction.pdfPages(file);
    assertThat(result.at("/document/sha256").asText()).isEqualTo(sha);
    assertThat(result.get("pages")).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(result.get("pages").get(i).get("text").asText())
          .as("page %d", i + 1)
          .isEqualTo(expected.get(i));
    }

    String documentKey =
        PREFIX + "/documents/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha;
    String resultKey = PREFIX + "/results/" + id + ".json";
    assertThat(s3.keys(bucket)).contains(documentKey, resultKey);
    assertThat(s3.read(bucket, documentKey)).isEqualTo(Files.readAllBytes(file));
    JsonNode stored = new ObjectMapper().readTree(s3.read(bucket, resultKey));
    assertThat(stored.at("/document/sha256").asText()).isEqualTo(sha);
    assertThat(stored.get("pages")).hasSize(expected.size());

    assertNothingOfTheDocumentOnDisk(sha);
  }

  @Test
  void the_same_document_submitted_twice_is_stored_once() throws Exception {
    Path file = Corpus.dev("pypdf__minimal-document.pdf");
    String sha = sha256(Files.readAllBytes(file));

    assertThat(submitAndAwait(file).get("status").asText()).isEqualTo("succeeded");
    assertThat(submitAndAwait(file).get("status").asText()).isEqualTo("succeeded");

    assertThat(s3.keys(bucket).stream().filter(key -> key.endsWith("/" + sha))).hasSize(1);
    assertNothingOfTheDocumentOnDisk(sha);
  }

  @Test
  void readiness_reports_the_bucket() throws Exception {
    HttpResponse<String> ready = node.http.get("/api/v1/ready");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(json(ready).toString()).contains("blobStore");
  }

  /**
   * No local blob directory, no file anywhere under the data directory with the document's bytes or
   * hash in its name, and an empty spool directory.
   */
  private void assertNothingOfTheDocumentOnDisk(String sha) throws Exception {
    Path spool = dataDir.resolve("spool");
    assertThat(dataDir.resolve("blobs")).doesNotExist();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path path : files.filter(Files::isRegularFile).toList()) {
        assertThat(path.getFileName().toString()).doesNotContain(sha);
        assertThat(path.startsWith(spool)).as("%s is in the spool directory", path).isFalse();
        if (Files.size(path) < (64L << 20)) {
          assertThat(sha256(Files.readAllBytes(path))).as("bytes of %s", path).isNotEqualTo(sha);
        }
      }
    }
    try (Stream<Path> spooled = Files.list(spool)) {
      assertThat(spooled).isEmpty();
    }
  }

  private JsonNode submitAndAwait(Path file) throws Exception {
    HttpResponse<String> accepted =
        node.http.submit(file.getFileName().toString(), Files.readAllBytes(file), null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return node.http.awaitFinished(json(accepted).get("id").asText(), JOB_TIMEOUT);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
