package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.ApiJson;
import io.docgrid.api.jobs.JobResponses.JobResult;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 400-page PDF through the API on H2: its pages come back from 50 ranges (8 pages each) as parts
 * of the result, which is assembled and served page by page. Every format holds every page, in
 * order; the JSON is the very document the whole result record makes; the parts are gone
 * afterwards; and an identical submission is answered from the cache with the same pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyPageResultTest {

  private static final int PAGES = 400;
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  private final ObjectMapper mapper = ApiJson.newMapper();
  private TestNode node;
  private Path blobs;
  private byte[] pdf;
  private String jobId;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    node = TestNodeConfig.in(temp.resolve("data")).compute(true).maxUpload(100L << 20).start();
    blobs = temp.resolve("data").resolve("blobs");
    pdf = manyPages(PAGES, UUID.randomUUID().toString());
    jobId = json(node.http.submit("long.pdf", pdf, null)).get("id").asText();
    JsonNode finished = node.http.awaitFinished(jobId, TIMEOUT);
    assertThat(finished.get("status").asText()).isEqualTo("succeeded");
    assertThat(finished.get("pages").get("total").asInt()).isEqualTo(PAGES);
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void the_json_result_holds_every_page_in_order_as_the_whole_record_would() throws Exception {
    HttpResponse<String> response = node.http.get("/api/v1/jobs/" + jobId + "/result");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode result = json(response);
    assertThat(result.get("document").get("pageCount").asInt()).isEqualTo(PAGES);
    assertThat(result.get("partial").asBoolean()).isFalse();
    JsonNode pages = result.get("pages");
    assertThat(pages).hasSize(PAGES);
    for (int i = 0; i < PAGES; i++) {
      assertThat(pages.get(i).get("number").asInt()).isEqualTo(i + 1);
      assertThat(pages.get(i).get("text").asText()).contains("Page " + (i + 1) + " of " + PAGES);
      assertThat(pages.get(i).has("markdown")).isFalse();
    }
    assertThat(result.get("manifest").get("nodeIds")).isNotEmpty();
    // Streamed page by page, yet the same bytes as the whole record written at once.
    assertThat(response.body())
        .isEqualTo(mapper.writeValueAsString(mapper.readValue(response.body(), JobResult.class)));
  }

  @Test
  void text_and_markdown_hold_every_page_in_order() throws Exception {
    HttpResponse<String> text = node.http.get("/api/v1/jobs/" + jobId + "/result?format=text");
    HttpResponse<String> markdown =
        node.http.get("/api/v1/jobs/" + jobId + "/result?format=markdown");

    String[] textPages = text.body().split("\f", -1);
    assertThat(textPages).hasSize(PAGES);
    for (int i = 0; i < PAGES; i++) {
      assertThat(textPages[i]).contains("Page " + (i + 1) + " of " + PAGES);
    }
    assertThat(text.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(markdown.body().split("\n---\n\n", -1)).hasSize(PAGES);
    assertThat(markdown.body()).startsWith("<!-- page 1 -->").contains("<!-- page 400 -->");
  }

  @Test
  void the_ranges_parts_are_deleted_once_the_result_is_assembled() {
    assertThat(blobs.resolve("results").resolve(jobId + ".json")).isRegularFile();
    assertThat(blobs.resolve("results").resolve(jobId + ".parts")).doesNotExist();
  }

  @Test
  void an_identical_submission_waits_and_is_answered_from_the_cache_with_the_same_pages()
      throws Exception {
    HttpApi.Multipart body = new HttpApi.Multipart();
    body.file("file", "again.pdf", pdf);
    HttpResponse<String> answered =
        node.http.send(
            node.http
                .request("/api/v1/jobs?format=text")
                .header("Content-Type", body.contentType())
                .header("Prefer", "wait=60, return=representation")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));

    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.headers().firstValue("X-Cache")).contains("HIT");
    String original = node.http.get("/api/v1/jobs/" + jobId + "/result?format=text").body();
    assertThat(answered.body()).isEqualTo(original);
  }

  /**
   * A text-layer PDF whose page {@code n} reads "Page n of pages" and a line unique to this run.
   */
  private static byte[] manyPages(int pages, String run) throws Exception {
    try (PDDocument document = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int number = 1; number <= pages; number++) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(font, 12);
          content.newLineAtOffset(72, 700);
          content.showText("Page " + number + " of " + pages);
          content.newLineAtOffset(0, -16);
          content.showText("Run " + run + " line " + number);
          content.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }
}
