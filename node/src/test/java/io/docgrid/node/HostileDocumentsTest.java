package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Corpus;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile set: each document ends its job with its documented code in bounded time, while the
 * node keeps answering /api/v1/health and leaves no spool file behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileDocumentsTest {

  private static final Duration BOUND = Duration.ofSeconds(60);

  private Path dataDir;
  private TestNode node;
  private final List<Integer> healthStatuses = new CopyOnWriteArrayList<>();
  private final AtomicBoolean probing = new AtomicBoolean();
  private Thread prober;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    this.dataDir = dataDir;
    node = TestNodeConfig.in(dataDir).compute(true).maxUpload(100L << 20).start();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @BeforeEach
  void probe_health_all_along() {
    healthStatuses.clear();
    probing.set(true);
    prober =
        new Thread(
            () -> {
              while (probing.get()) {
                try {
                  healthStatuses.add(node.http.get("/api/v1/health").statusCode());
                  Thread.sleep(100); // paces the prober: it waits for nothing
                } catch (Exception e) {
                  healthStatuses.add(-1);
                }
              }
            });
    prober.start();
  }

  @AfterEach
  void health_answered_throughout_and_no_spool_file_remains() throws Exception {
    probing.set(false);
    prober.join();
    assertThat(healthStatuses).isNotEmpty().containsOnly(200);
    try (Stream<Path> left = Files.list(dataDir.resolve("blobs").resolve("tmp"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void an_encrypted_pdf_fails_as_encrypted() throws Exception {
    assertFailsWith(
        "locked.pdf",
        Files.readAllBytes(Corpus.dev("pdfbox__PasswordSample-256bit.pdf")),
        "DOCUMENT_ENCRYPTED");
  }

  @Test
  void a_truncated_pdf_fails_as_corrupt() throws Exception {
    byte[] pdf = Files.readAllBytes(Corpus.dev("pdfbox__cweb.pdf"));
    assertFailsWith("cut.pdf", HostileDocuments.truncated(pdf, 4000), "DOCUMENT_CORRUPT");
  }

  @Test
  void a_compression_bomb_docx_is_stopped_by_limits() throws Exception {
    assertFailsWith("bomb.docx", HostileDocuments.zipBombDocx(200), "DOCUMENT_TOO_COMPLEX");
  }

  @Test
  void a_fifty_thousand_pixel_square_png_is_refused_before_decoding() throws Exception {
    assertFailsWith("giant.png", HostileDocuments.giantPng(), "IMAGE_TOO_LARGE");
  }

  @Test
  void a_pdf_with_ten_thousand_pages_fails_at_its_first_look_before_any_page_is_read()
      throws Exception {
    // The API node never opens the PDF: its first look in an extraction child counts the pages,
    // which reads only the PDF's structure, and refuses it against the tier's limit.
    HttpResponse<String> accepted =
        node.http.submit("long.pdf", HostileDocuments.manyPagesPdf(10_000), null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    JsonNode job = node.http.awaitFinished(json(accepted).get("id").asText(), BOUND);

    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.at("/error/code").asText()).isEqualTo("TOO_MANY_PAGES");
    assertThat(job.at("/error/message").asText()).contains("10000 pages", "at most 2000");
    assertThat(job.at("/pages/done").asInt()).isZero();
  }

  @Test
  void a_deeply_nested_docx_is_stopped_by_limits() throws Exception {
    assertFailsWith(
        "nested.docx", HostileDocuments.deeplyNestedDocx(20_000), "DOCUMENT_TOO_COMPLEX");
  }

  @Test
  void a_pdf_whose_page_tree_loops_fails_as_corrupt() throws Exception {
    assertFailsWith("loop.pdf", HostileDocuments.pageTreeLoopPdf(), "DOCUMENT_CORRUPT");
  }

  private void assertFailsWith(String name, byte[] content, String code) throws Exception {
    HttpResponse<String> accepted = node.http.submit(name, content, null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    long started = System.nanoTime();
    JsonNode job = node.http.awaitFinished(json(accepted).get("id").asText(), BOUND);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("failed");
    assertThat(job.at("/error/code").asText()).as(job.toString()).isEqualTo(code);
    assertThat(job.at("/error/message").asText()).doesNotContain(dataDir.toString());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
  }
}
