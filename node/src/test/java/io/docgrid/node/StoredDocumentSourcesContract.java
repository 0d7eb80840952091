package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs from what the server has already (a tenant's stored bytes, by their SHA-256) and dry runs of
 * every form of submission, on a real node. Run once per database backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoredDocumentSourcesContract {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

  private TestNode node;
  private Path blobs;
  private HttpApi otherTenant;

  abstract NodeConfig.DbConfig database() throws Exception;

  void dropDatabase() throws Exception {}

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    node = TestNode.start(temp.resolve("data"), database(), true, 32L << 20);
    blobs = temp.resolve("data").resolve("blobs");
    otherTenant =
        node.http.as(
            json(node.http.postJson("/api/v1/keys", "{\"name\":\"other\",\"tier\":\"STANDARD\"}"))
                .get("key")
                .asText());
  }

  @AfterAll
  void stop() throws Exception {
    node.close();
    dropDatabase();
  }

  private JsonNode submitted(HttpApi api, String name, byte[] content) throws Exception {
    return view(api, api.submit(name, content, null));
  }

  /** The job a 202 accepted, as GET shows it. */
  private static JsonNode view(HttpApi api, HttpResponse<String> created) throws Exception {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    return json(api.get("/api/v1/jobs/" + json(created).get("id").asText()));
  }

  private HttpResponse<String> bySha256(HttpApi api, String sha256, String fileName)
      throws Exception {
    String name = fileName == null ? "" : ",\"fileName\":\"" + fileName + "\"";
    return api.postJson("/api/v1/jobs", "{\"sha256\":\"" + sha256 + "\"" + name + "}");
  }

  @Test
  void a_tenant_makes_a_job_of_bytes_it_stored_before_by_their_hash_alone() throws Exception {
    byte[] content = "an invoice, sent once\n".getBytes(StandardCharsets.US_ASCII);
    JsonNode first = submitted(node.http, "invoice.txt", content);
    String sha256 = first.at("/document/sha256").asText();

    JsonNode job = view(node.http, bySha256(node.http, sha256, null));

    assertThat(job.get("id").asText()).isNotEqualTo(first.get("id").asText());
    assertThat(job.at("/document/sha256").asText()).isEqualTo(sha256);
    assertThat(job.at("/document/fileName").asText()).isEqualTo("invoice.txt");
    assertThat(job.at("/document/sizeBytes").asLong()).isEqualTo(content.length);
    assertThat(node.http.awaitFinished(job.get("id").asText(), JOB_TIMEOUT).get("status").asText())
        .isEqualTo("succeeded");
    assertThat(
            view(node.http, bySha256(node.http, sha256.toUpperCase(), "renamed.txt"))
                .at("/document/fileName")
                .asText())
        .isEqualTo("renamed.txt");
  }

  @Test
  void a_hash_never_grants_another_tenants_document() throws Exception {
    JsonNode mine = submitted(node.http, "secret.txt", "the admin's own words\n".getBytes());
    String sha256 = mine.at("/document/sha256").asText();

    problem(bySha256(otherTenant, sha256, "stolen.txt"), 404, "DOCUMENT_NOT_STORED");
    problem(bySha256(node.http, "0".repeat(64), null), 404, "DOCUMENT_NOT_STORED");
    problem(bySha256(node.http, "not-a-hash", null), 400, "VALIDATION_FAILED");
    problem(
        node.http.postJson("/api/v1/jobs", "{\"sha256\":\"" + sha256 + "\",\"upload\":\"x\"}"),
        400,
        "VALIDATION_FAILED");
  }

  @Test
  void a_document_deleted_with_its_job_is_no_longer_stored() throws Exception {
    JsonNode job = submitted(node.http, "short-lived.txt", "kept briefly\n".getBytes());
    String id = job.get("id").asText();
    node.http.awaitFinished(id, JOB_TIMEOUT);
    assertThat(node.http.delete("/api/v1/jobs/" + id).statusCode()).isEqualTo(200);

    problem(
        bySha256(node.http, job.at("/document/sha256").asText(), null), 404, "DOCUMENT_NOT_STORED");
  }

  @Test
  void a_dry_run_counts_the_pages_and_stores_nothing() throws Exception {
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");
    long jobsBefore = jobCount();
    long documentsBefore = storedDocuments();

    HttpResponse<String> answer = dryRun(node.http, "paper.pdf", Files.readAllBytes(pdf));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode dry = json(answer);
    assertThat(dry.get("dryRun").asBoolean()).isTrue();
    assertThat(dry.at("/document/mediaType").asText()).isEqualTo("application/pdf");
    assertThat(dry.at("/document/pageCount").asInt()).isEqualTo(4);
    assertThat(dry.at("/document/sizeBytes").asLong()).isEqualTo(Files.size(pdf));
    assertThat(dry.at("/pages/selected").asInt()).isEqualTo(4);
    assertThat(dry.at("/pages/ocr").asInt()).as("a born-digital PDF").isZero();
    assertThat(dry.at("/quota/pages").asInt()).isEqualTo(4);
    assertThat(dry.at("/quota/pagesPerHour").asLong()).isPositive();
    assertThat(dry.at("/estimate/processingSeconds").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(dry.at("/estimate/basis").asText()).isIn("recent", "defaults");
    assertThat(jobCount()).isEqualTo(jobsBefore);
    assertThat(storedDocuments()).isEqualTo(documentsBefore);
    problem(
        bySha256(node.http, dry.at("/document/sha256").asText(), null), 404, "DOCUMENT_NOT_STORED");
  }

  @Test
  void a_dry_run_counts_the_scanned_pages_that_would_be_ocred() throws Exception {
    Random random = new Random(3);
    byte[] scans =
        TestPages.scannedPdf(
            List.of(
                TestPages.scan(0, 0, random),
                TestPages.scan(0, 0, random),
                TestPages.scan(0, 0, random)));

    JsonNode all = json(dryRun(node.http, "scans.pdf", scans));
    JsonNode two = json(dryRunWith(node.http, "scans.pdf", scans, "{\"pages\":\"2-3\"}"));
    JsonNode none = json(dryRunWith(node.http, "scans.pdf", scans, "{\"ocr\":\"off\"}"));

    assertThat(all.at("/pages/ocr").asInt()).isEqualTo(3);
    assertThat(two.at("/pages/selected").asInt()).isEqualTo(2);
    assertThat(two.at("/pages/ocr").asInt()).isEqualTo(2);
    assertThat(none.at("/pages/ocr").asInt()).isZero();
    assertThat(all.at("/estimate/processingSeconds").asDouble())
        .isGreaterThan(none.at("/estimate/processingSeconds").asDouble());
  }

  @Test
  void a_dry_run_takes_a_stored_hash_or_a_finished_upload_too_and_learns_from_recent_jobs()
      throws Exception {
    byte[] content = "a few words to read\n".getBytes(StandardCharsets.US_ASCII);
    JsonNode job = submitted(node.http, "words.txt", content);
    node.http.awaitFinished(job.get("id").asText(), JOB_TIMEOUT);
    String sha256 = job.at("/document/sha256").asText();
    String upload = new TusRequests(node.http).upload("words.txt", content);
    long jobsBefore = jobCount();

    HttpResponse<String> byHash =
        node.http.postJson("/api/v1/jobs?dryRun=true", "{\"sha256\":\"" + sha256 + "\"}");
    HttpResponse<String> byUpload =
        node.http.postJson("/api/v1/jobs?dryRun=true", "{\"upload\":\"" + upload + "\"}");

    for (HttpResponse<String> answer : List.of(byHash, byUpload)) {
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode dry = json(answer);
      assertThat(dry.at("/document/sha256").asText()).isEqualTo(sha256);
      assertThat(dry.at("/document/mediaType").asText()).startsWith("text/plain");
      assertThat(dry.at("/pages/ocr").asInt()).isZero();
      assertThat(dry.at("/estimate/basis").asText()).isEqualTo("recent");
      assertThat(dry.at("/estimate/recentJobs").asInt()).isPositive();
    }
    assertThat(jobCount()).isEqualTo(jobsBefore);
    assertThat(new TusRequests(node.http).offset(upload))
        .as("the upload is still there")
        .isEqualTo(content.length);
    problem(
        otherTenant.postJson("/api/v1/jobs?dryRun=true", "{\"sha256\":\"" + sha256 + "\"}"),
        404,
        "DOCUMENT_NOT_STORED");
  }

  private HttpResponse<String> dryRun(HttpApi api, String name, byte[] content) throws Exception {
    return dryRunWith(api, name, content, null);
  }

  private HttpResponse<String> dryRunWith(HttpApi api, String name, byte[] content, String options)
      throws Exception {
    HttpApi.Multipart body = new HttpApi.Multipart().file("file", name, content);
    if (options != null) {
      body.field("options", options);
    }
    return api.post("/api/v1/jobs?dryRun=true", body.contentType(), body.bytes(), null);
  }

  private long jobCount() throws Exception {
    return json(node.http.get("/api/v1/jobs?limit=100")).get("items").size();
  }

  private long storedDocuments() throws Exception {
    Path documents = blobs.resolve("documents");
    if (!Files.exists(documents)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(documents)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
