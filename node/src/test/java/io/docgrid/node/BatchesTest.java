package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches and documents by URL on a computing node that may reach 127.0.0.1 ({@code
 * --outbound-allow}), where a {@link DocumentServer} serves corpus documents and a {@link
 * WebhookReceiver} takes the batch's completion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchesTest {

  private static final Duration WAIT = Duration.ofMinutes(3);

  private TestNode node;
  private DocumentServer documents;
  private WebhookReceiver receiver;
  private List<String> textPdfs;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    node = TestNode.start(WebhooksTest.config(temp.resolve("data"), TestNodeConfig.EMBEDDED, true));
    documents = new DocumentServer();
    receiver = new WebhookReceiver(WebhooksTest.TIMEOUT.multipliedBy(3).toMillis());
    Set<String> seen = new HashSet<>();
    textPdfs =
        Corpus.devEntries(
                entry ->
                    entry.mime().equals("application/pdf")
                        && entry.pages().isPresent()
                        && entry.pages().getAsInt() <= 3
                        && entry.notes().matches("textchars=[0-9]+"))
            .stream()
            .map(Corpus.Entry::file)
            .filter(file -> size(file) < 150_000 && seen.add(sha256(file)))
            .limit(20)
            .toList();
    assertThat(textPdfs).hasSize(20);
  }

  @AfterAll
  void stop() {
    for (AutoCloseable open : new AutoCloseable[] {node, documents, receiver}) {
      try {
        if (open != null) {
          open.close();
        }
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
  }

  @Test
  void a_batch_of_twenty_files_and_urls_completes_with_its_counts_and_one_event() throws Exception {
    JsonNode webhook =
        WebhooksTest.createWebhook(node.http, receiver.url(), "[\"batch.completed\"]");
    // Ten files as a multipart batch; their bytes are then stored, so a batch may name them.
    HttpApi.Multipart files = new HttpApi.Multipart();
    List<String> hashes = new ArrayList<>();
    for (String file : textPdfs.subList(0, 10)) {
      byte[] bytes = Files.readAllBytes(Corpus.dev(file));
      files.file("file", file, bytes);
      hashes.add(sha256(file));
    }
    files.field("options", "{\"ocr\":\"off\"}");
    HttpResponse<String> uploaded =
        node.http.post("/api/v1/batches", files.contentType(), files.bytes(), null);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
    assertThat(json(uploaded).get("jobIds")).hasSize(10);
    awaitCompleted(json(uploaded).get("id").asText());

    // Twenty documents: ten stored ones by hash and ten by URL; one item names bytes never sent.
    StringBuilder items = new StringBuilder("[");
    for (String hash : hashes) {
      items.append("{\"sha256\":\"").append(hash).append("\"},");
    }
    for (String file : textPdfs.subList(10, 20)) {
      items.append("{\"url\":\"").append(documents.url("/doc/" + file)).append("\"},");
    }
    items.append("{\"sha256\":\"").append("0".repeat(64)).append("\"}]");
    HttpResponse<String> created =
        node.http.postJson(
            "/api/v1/batches", "{\"items\":" + items + ",\"options\":{\"ocr\":\"off\"}}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonNode batch = json(created);
    String id = batch.get("id").asText();
    assertThat(batch.get("jobIds")).hasSize(20);
    assertThat(batch.get("items")).hasSize(21);
    assertThat(batch.at("/items/20/jobId").isNull()).isTrue();
    assertThat(batch.at("/items/20/problem/code").asText()).isEqualTo("DOCUMENT_NOT_STORED");
    assertThat(batch.at("/items/20/problem/status").asInt()).isEqualTo(404);

    JsonNode done = awaitCompleted(id);
    assertThat(done.at("/counts/succeeded").asInt()).isEqualTo(20);
    assertThat(
            done.at("/counts/failed").asInt()
                + done.at("/counts/queued").asInt()
                + done.at("/counts/running").asInt()
                + done.at("/counts/cancelled").asInt())
        .isZero();
    JsonNode byUrl = json(node.http.get("/api/v1/jobs/" + batch.at("/jobIds/0").asText()));
    assertThat(byUrl.get("status").asText()).isEqualTo("succeeded");

    // Cursor paging: 20 jobs in pages of 8, each once.
    Set<String> paged = new HashSet<>();
    String cursor = "";
    do {
      JsonNode page = json(node.http.get("/api/v1/batches/" + id + "?limit=8&cursor=" + cursor));
      page.get("jobs").forEach(job -> paged.add(job.get("id").asText()));
      cursor = page.path("nextCursor").asText("");
    } while (!cursor.isEmpty());
    Set<String> expected = new HashSet<>();
    batch.get("jobIds").forEach(job -> expected.add(job.asText()));
    assertThat(paged).isEqualTo(expected);

    // One batch.completed for this batch, signed, with the batch's counts.
    List<WebhookReceiver.Received> events =
        Eventually.await(
            "the batch.completed delivery",
            WAIT,
            () ->
                receiver.received().stream()
                    .filter(received -> received.body().contains(id))
                    .toList(),
            found -> !found.isEmpty());
    assertThat(events).hasSize(1);
    JsonNode event = json(events.get(0).body());
    assertThat(event.get("type").asText()).isEqualTo("batch.completed");
    assertThat(event.at("/data/id").asText()).isEqualTo(id);
    assertThat(event.at("/data/status").asText()).isEqualTo("completed");
    assertThat(event.at("/data/counts/succeeded").asInt()).isEqualTo(20);
    assertThat(events.get(0).signedWith(webhook.get("secret").asText())).isTrue();

    // Another tenant does not see the batch.
    HttpApi other = otherTenant();
    problem(other.get("/api/v1/batches/" + id), 404, "NOT_FOUND");
    problem(other.delete("/api/v1/batches/" + id), 404, "NOT_FOUND");
  }

  @Test
  void a_job_by_url_shows_its_source_without_the_query_and_never_the_headers() throws Exception {
    String file = textPdfs.get(0);
    HttpResponse<String> created =
        node.http.postJson(
            "/api/v1/jobs",
            "{\"url\":\""
                + documents.url("/doc/" + file + "?token=s3cr3t-query")
                + "\",\"headers\":{\"Authorization\":\"Bearer s3cr3t-header\"}}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonNode job = node.http.awaitFinished(json(created).get("id").asText(), WAIT);
    assertThat(job.get("status").asText()).isEqualTo("succeeded");
    assertThat(job.at("/document/sourceUrl").asText()).isEqualTo(documents.url("/doc/" + file));
    assertThat(job.at("/document/fileName").asText()).isEqualTo(file);
    assertThat(job.at("/document/sha256").asText()).isEqualTo(sha256(file));
    assertThat(job.toString()).doesNotContain("s3cr3t");
    assertThat(documents.requests())
        .contains(
            new DocumentServer.Request(
                "/doc/" + file + "?token=s3cr3t-query", "Bearer s3cr3t-header"));
  }

  @Test
  void a_url_over_the_size_limit_is_refused_while_streaming() throws Exception {
    // The node takes documents of 1 MiB at most.
    problem(
        node.http.postJson(
            "/api/v1/jobs", "{\"url\":\"" + documents.url("/chunked/3000000") + "\"}"),
        413,
        "URL_TOO_LARGE");
    problem(
        node.http.postJson(
            "/api/v1/jobs?dryRun=true", "{\"url\":\"" + documents.url("/chunked/3000000") + "\"}"),
        413,
        "URL_TOO_LARGE");
  }

  @Test
  void a_url_that_falls_silent_is_a_timeout() throws Exception {
    // The node's outbound read timeout is one second.
    problem(
        node.http.postJson("/api/v1/jobs", "{\"url\":\"" + documents.url("/stall") + "\"}"),
        504,
        "URL_FETCH_TIMEOUT");
  }

  @Test
  void a_redirect_to_a_refused_address_is_refused_without_following_it() throws Exception {
    int before = documents.requests().size();
    problem(
        node.http.postJson(
            "/api/v1/jobs",
            "{\"url\":\"" + documents.url("/redirect?http://169.254.169.254/latest") + "\"}"),
        422,
        "URL_REFUSED");
    problem(
        node.http.postJson(
            "/api/v1/jobs",
            "{\"url\":\"" + documents.url("/redirect?http://10.0.0.1/x.pdf") + "\"}"),
        422,
        "URL_REFUSED");
    assertThat(documents.requests()).hasSize(before + 2);
    problem(
        node.http.postJson("/api/v1/jobs", "{\"url\":\"" + documents.url("/missing") + "\"}"),
        502,
        "URL_FETCH_FAILED");
    problem(
        node.http.postJson("/api/v1/jobs", "{\"url\":\"ftp://127.0.0.1/x.pdf\"}"),
        422,
        "URL_REFUSED");
  }

  @Test
  void naming_a_webhook_that_is_not_yours_is_refused_and_delivery_options_share_the_cache()
      throws Exception {
    byte[] bytes = Files.readAllBytes(Corpus.dev(textPdfs.get(1)));
    String foreign = "00000000-0000-4000-8000-000000000001";
    problem(
        node.http.submit("a.pdf", bytes, "{\"webhooks\":[\"" + foreign + "\"]}"),
        422,
        "UNKNOWN_WEBHOOK");

    String mine =
        WebhooksTest.createWebhook(node.http, receiver.url(), "[\"job.failed\"]")
            .get("id")
            .asText();
    String plain = json(node.http.submit("a.pdf", bytes, "{\"ocr\":\"auto\"}")).get("id").asText();
    assertThat(node.http.awaitFinished(plain, WAIT).get("status").asText()).isEqualTo("succeeded");
    HttpResponse<String> named =
        node.http.submit("a.pdf", bytes, "{\"ocr\":\"auto\",\"webhooks\":[\"" + mine + "\"]}");
    assertThat(named.statusCode()).as(named.body()).isEqualTo(202);
    assertThat(named.headers().firstValue("X-Cache")).contains("HIT");
  }

  @Test
  void docgrid_submit_sends_a_file_and_a_url_as_one_batch_and_prints_both_texts(@TempDir Path state)
      throws Exception {
    CommandRun run =
        CommandRun.asAdminOf(
            node,
            "submit",
            "--batch",
            "--resume-state",
            state.resolve("uploads.properties").toString(),
            "--from-url",
            documents.url("/doc/pypdf__crazyones-pdfa.pdf"),
            Corpus.dev("pypdf__minimal-document.pdf").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("batch ");
    String batchId = run.out().lines().findFirst().orElseThrow().substring("batch ".length());
    assertThat(run.out())
        .contains("==> pypdf__crazyones-pdfa.pdf <==", "==> ")
        .contains("Lorem ipsum dolor sit amet");
    assertThat(run.err())
        .contains("pypdf__minimal-document.pdf: job ", "pypdf__crazyones-pdfa.pdf: job ");
    assertThat(node.http.get("/api/v1/batches/" + batchId).statusCode()).isEqualTo(200);
  }

  private JsonNode awaitCompleted(String batchId) throws Exception {
    return Eventually.await(
        "batch " + batchId + " completed",
        WAIT,
        () -> json(node.http.get("/api/v1/batches/" + batchId)),
        batch -> batch.get("status").asText().equals("completed"));
  }

  private HttpApi otherTenant() throws Exception {
    HttpResponse<String> created =
        node.http.postJson("/api/v1/keys", "{\"name\":\"other\",\"tier\":\"STANDARD\"}");
    return node.http.as(json(created).get("key").asText());
  }

  private static long size(String file) {
    try {
      return Files.size(Corpus.dev(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String sha256(String file) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(Files.readAllBytes(Corpus.dev(file))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
