package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/jobs/{id}/pages/{page}/image} through a real node whose compute role draws in
 * its extraction children: PDF pages and scanned frames at the width asked for, kept privately by
 * browsers, and every way a request can be refused, each with its code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageImageTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String NO_OCR = "{\"ocr\":\"off\"}";

  private TestNode node;
  private String pdfJob;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    node = TestNodeConfig.in(dataDir).compute(true).maxUpload(20L << 20).start();
    byte[] pdf = TestPages.scannedPdf(List.of(TestPages.text(), TestPages.a4()));
    pdfJob = finished(node.http, "scan.pdf", pdf);
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void a_pdf_page_is_drawn_at_the_width_asked_for_and_kept_privately() throws Exception {
    HttpResponse<byte[]> response = image(pdfJob, 2, "?width=600");

    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage page = TestPages.decoded(response.body());
    assertThat(page.getWidth()).isEqualTo(600);
    assertThat(page.getHeight()).isBetween(847, 849); // A4: 600 × 3508 / 2480
    assertShowsText(page);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
    assertThat(response.headers().firstValue("Vary")).hasValue("Authorization, X-API-Key");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(policy -> assertThat(policy).startsWith("default-src 'none'"));
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    BufferedImage wide = TestPages.decoded(image(pdfJob, 1, "").body());
    assertThat(wide.getWidth()).isEqualTo(1000);
    assertThat(wide.getHeight()).isBetween(699, 701); // 1000 × 1400 / 2000
    assertShowsText(wide);
  }

  @Test
  void an_image_the_browser_holds_is_not_drawn_again() throws Exception {
    HttpResponse<byte[]> first = image(pdfJob, 1, "?width=420");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    double drawnBefore = metric("docgrid_page_image_render_seconds_count", "outcome", "drawn");
    double hitsBefore = metric("docgrid_page_image_cache_lookups_total", "result", "hit");

    HttpResponse<String> unchanged =
        node.http.send(
            node.http
                .request("/api/v1/jobs/" + pdfJob + "/pages/1/image?width=420")
                .header("If-None-Match", etag));
    HttpResponse<byte[]> again = image(pdfJob, 1, "?width=420");

    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.headers().firstValue("ETag")).hasValue(etag);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(metric("docgrid_page_image_render_seconds_count", "outcome", "drawn"))
        .isEqualTo(drawnBefore);
    assertThat(metric("docgrid_page_image_cache_lookups_total", "result", "hit"))
        .isEqualTo(hitsBefore + 1);
    assertThat(image(pdfJob, 1, "?width=421").headers().firstValue("ETag")).isNotEqualTo(etag);
  }

  @Test
  void a_scanned_frame_is_drawn_at_the_width_and_a_photograph_as_a_jpeg() throws Exception {
    BufferedImage second = TestPages.a4();
    String tiff =
        finished(node.http, "scan.tiff", TestPages.tiff(List.of(TestPages.text(), second)));
    String photo =
        finished(node.http, "photo.jpg", Files.readAllBytes(Corpus.dev("pypdf__image.jpg")));

    HttpResponse<byte[]> frame = image(tiff, 2, "?width=620");
    HttpResponse<byte[]> picture = image(photo, 1, "?width=500");

    assertThat(frame.statusCode()).as(new String(frame.body())).isEqualTo(200);
    assertThat(frame.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage scan = TestPages.decoded(frame.body());
    assertThat(scan.getWidth()).isEqualTo(620);
    assertThat(scan.getHeight())
        .isEqualTo(Math.round(620f * second.getHeight() / second.getWidth()));
    assertShowsText(scan);
    assertThat(picture.statusCode()).isEqualTo(200);
    assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(TestPages.decoded(picture.body()).getWidth()).isEqualTo(500);
  }

  @Test
  void bad_widths_and_pages_are_refused_with_the_field_they_name() throws Exception {
    for (String width : List.of("99", "2001", "wide", "")) {
      JsonNode refused = problem(get(pdfJob, "1", "?width=" + width), 400, "VALIDATION_FAILED");
      assertThat(refused.at("/errors/0/field").asText()).isEqualTo("width");
    }
    for (String page : List.of("0", "-1", "first")) {
      JsonNode refused = problem(get(pdfJob, page, ""), 400, "VALIDATION_FAILED");
      assertThat(refused.at("/errors/0/field").asText()).isEqualTo("page");
    }
    problem(get("not-a-job", "1", ""), 400, "VALIDATION_FAILED");
  }

  @Test
  void pages_and_jobs_that_are_not_there_are_not_found() throws Exception {
    JsonNode past = problem(get(pdfJob, "3", ""), 404, "PAGE_NOT_FOUND");
    assertThat(past.get("detail").asText()).contains("Page 3", "has 2 pages");
    problem(get(UUID.randomUUID().toString(), "1", ""), 404, "NOT_FOUND");

    HttpApi other = node.http.withNewKey("other tenant", "STANDARD");
    problem(other.get("/api/v1/jobs/" + pdfJob + "/pages/1/image"), 404, "NOT_FOUND");
  }

  @Test
  void a_document_without_pages_to_show_or_deleted_says_so() throws Exception {
    String text = finished(node.http, "notes.txt", "plain words".getBytes());
    JsonNode unavailable = problem(get(text, "1", ""), 422, "PAGE_IMAGE_UNAVAILABLE");
    assertThat(unavailable.get("detail").asText()).contains("text/plain", "/result");

    String deleted =
        finished(node.http, "gone.pdf", TestPages.scannedPdf(List.of(TestPages.text())));
    assertThat(node.http.delete("/api/v1/jobs/" + deleted).statusCode()).isEqualTo(200);
    HttpResponse<String> gone = get(deleted, "1", "");
    problem(gone, 410, "RESULT_EXPIRED");
    assertThat(gone.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void a_page_the_compute_node_cannot_draw_comes_back_with_its_reason() throws Exception {
    ByteArrayOutputStream ribbon = new ByteArrayOutputStream();
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage(new PDRectangle(10, 2000)));
      document.save(ribbon);
    }
    String job = finished(node.http, "ribbon.pdf", ribbon.toByteArray());

    JsonNode refused = problem(get(job, "1", "?width=2000"), 422, "IMAGE_TOO_LARGE");

    assertThat(refused.get("detail").asText()).contains("Ask for a narrower one");
    assertThat(TestPages.decoded(image(job, 1, "?width=100").body()).getHeight())
        .isBetween(19_999, 20_001);
  }

  private HttpResponse<byte[]> image(String job, int page, String query) throws Exception {
    return node.http.getBytes("/api/v1/jobs/" + job + "/pages/" + page + "/image" + query);
  }

  private HttpResponse<String> get(String job, String page, String query) throws Exception {
    return node.http.get("/api/v1/jobs/" + job + "/pages/" + page + "/image" + query);
  }

  private static String finished(HttpApi api, String name, byte[] content) throws Exception {
    HttpResponse<String> accepted = api.submit(name, content, NO_OCR);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = json(accepted).get("id").asText();
    JsonNode job = api.awaitFinished(id, TIMEOUT);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    return id;
  }

  private double metric(String name, String label, String value) throws Exception {
    Matcher sample =
        Pattern.compile(
                "^" + name + "\\{" + label + "=\"" + value + "\",} (\\S+)$", Pattern.MULTILINE)
            .matcher(node.http.get("/api/v1/metrics").body());
    return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
  }

  /** Mostly paper, with a share of dark pixels: the page's text, not a blank or black page. */
  private static void assertShowsText(BufferedImage image) {
    assertThat(TestPages.darkShare(image)).as("share of dark pixels").isBetween(0.005, 0.5);
  }
}
