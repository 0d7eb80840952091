package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.CharacterErrorRate;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCR through the whole service: scans made by the test (known text, turned, noisy) go in over
 * HTTP, text with provenance comes out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcrEndToEndTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private TestNode node;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    node = TestNodeConfig.in(dataDir).compute(true).maxUpload(100L << 20).start();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void a_skewed_noisy_page_image_is_deskewed_and_read_with_under_two_percent_errors()
      throws Exception {
    long seed = new Random().nextLong();
    BufferedImage scan = TestPages.scan(4.0, 25, new Random(seed));

    JsonNode page = onlyPage(submitAndAwait("skewed.png", TestPages.png(scan), null));

    assertThat(page.get("source").asText()).isEqualTo("ocr");
    double cer = CharacterErrorRate.of(TestPages.invoiceText(), page.get("text").asText());
    assertThat(cer).as("CER (seed %d): %s", seed, page.get("text").asText()).isLessThan(0.02);
    assertThat(Math.abs(page.at("/ocr/skewDegrees").asDouble()))
        .as("skew (seed %d)", seed)
        .isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.2));
    assertThat(page.at("/ocr/meanConfidence").asDouble()).isGreaterThan(70);
    assertThat(page.at("/ocr/dpi").asInt()).isEqualTo(300);
    assertThat(page.at("/ocr/words").size()).isGreaterThan(40);
    assertThat(page.at("/ocr/words/0/box").size()).isEqualTo(4);
    assertThat(page.at("/ocr/hocr").isMissingNode()).isTrue();
    assertThat(page.get("timingsMillis").has("ocr")).isTrue();
  }

  @Test
  void a_scanned_pdf_is_ocred_page_by_page_and_renders_as_hocr() throws Exception {
    Random random = new Random();
    byte[] pdf =
        TestPages.scannedPdf(
            List.of(TestPages.scan(0, 10, random), TestPages.scan(-2.5, 10, random)));

    String id = submitAndAwait("scan.pdf", pdf, null);
    JsonNode result = json(node.http.get("/api/v1/jobs/" + id + "/result"));

    assertThat(result.at("/document/pageCount").asInt()).isEqualTo(2);
    for (JsonNode page : result.get("pages")) {
      assertThat(page.get("source").asText()).isEqualTo("ocr");
      assertThat(CharacterErrorRate.of(TestPages.invoiceText(), page.get("text").asText()))
          .as(page.get("text").asText())
          .isLessThan(0.02);
    }
    assertThat(result.at("/manifest/versions/tesseract").asText()).matches("\\d+\\.\\d+.*");
    assertThat(result.at("/manifest/options/ocr").asText()).isEqualTo("auto");
    assertThat(result.at("/manifest/nodeIds").size()).isEqualTo(1);

    HttpResponse<String> hocr = node.http.get("/api/v1/jobs/" + id + "/result?format=hocr");
    assertThat(hocr.statusCode()).isEqualTo(200);
    assertThat(hocr.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/xhtml+xml");
    assertThat(hocr.body()).contains("id='page_1'", "id='page_2'", "ocrx_word", "Invoice");
  }

  @Test
  void ocr_modes_and_page_selection_are_honoured() throws Exception {
    byte[] png = TestPages.png(TestPages.scan(0, 0, new Random()));
    JsonNode off = onlyPage(submitAndAwait("page.png", png, "{\"ocr\":\"off\"}"));
    assertThat(off.get("source").asText()).isEqualTo("none");
    assertThat(off.get("text").asText()).isEmpty();

    byte[] textPdf = Files.readAllBytes(Corpus.dev("pypdf__pdflatex-4-pages.pdf"));
    String id = submitAndAwait("four.pdf", textPdf, "{\"ocr\":\"force\",\"pages\":\"2\"}");
    JsonNode result = json(node.http.get("/api/v1/jobs/" + id + "/result"));
    assertThat(result.at("/document/pageCount").asInt()).isEqualTo(4);
    assertThat(result.get("pages")).hasSize(1);
    assertThat(result.at("/pages/0/number").asInt()).isEqualTo(2);
    assertThat(result.at("/pages/0/source").asText()).isEqualTo("ocr");
    String textLayer = DirectExtraction.pdfPages(Corpus.dev("pypdf__pdflatex-4-pages.pdf")).get(1);
    assertThat(CharacterErrorRate.of(textLayer, result.at("/pages/0/text").asText()))
        .isLessThan(0.1);
  }

  @Test
  void an_encrypted_pdf_opens_with_its_password() throws Exception {
    byte[] pdf = Files.readAllBytes(Corpus.dev("pypdf__libreoffice-writer-password.pdf"));
    String id = submitAndAwait("locked.pdf", pdf, "{\"password\":\"openpassword\"}");
    assertThat(json(node.http.get("/api/v1/jobs/" + id)).get("status").asText())
        .isEqualTo("succeeded");
    JsonNode job = json(node.http.get("/api/v1/jobs/" + id + "/result"));
    assertThat(job.at("/pages/0/text").asText()).isNotBlank();
    assertThat(job.at("/manifest/options").toString()).doesNotContain("openpassword");

    String wrong = submitAndAwait("locked.pdf", pdf, "{\"password\":\"nope\"}");
    JsonNode failed = json(node.http.get("/api/v1/jobs/" + wrong));
    assertThat(failed.at("/error/code").asText()).isEqualTo("DOCUMENT_ENCRYPTED");
  }

  @Test
  void a_language_without_a_model_fails_the_job_with_its_code() throws Exception {
    byte[] png = TestPages.png(TestPages.scan(0, 0, new Random()));
    String id = submitAndAwait("page.png", png, "{\"languages\":[\"xyz\"]}");
    JsonNode job = json(node.http.get("/api/v1/jobs/" + id));
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.at("/error/code").asText()).isEqualTo("OCR_LANGUAGE_UNAVAILABLE");
    assertThat(job.at("/error/message").asText()).contains("xyz").contains("eng");
  }

  @Test
  void a_tiff_with_one_oversized_frame_succeeds_partially_with_that_page_listed() throws Exception {
    BufferedImage page = TestPages.scan(0, 0, new Random());
    // 11000 x 11000 = 121 megapixels, over the 100 megapixel limit; blank, so it compresses away.
    BufferedImage huge = new BufferedImage(11_000, 11_000, BufferedImage.TYPE_BYTE_BINARY);
    byte[] tiff = TestPages.tiff(List.of(page, huge, page));

    String id = submitAndAwait("mixed.tiff", tiff, null);
    JsonNode job = json(node.http.get("/api/v1/jobs/" + id));
    assertThat(job.get("status").asText()).isEqualTo("succeeded");
    assertThat(job.at("/pages/total").asInt()).isEqualTo(3);
    assertThat(job.at("/pages/done").asInt()).isEqualTo(2);
    assertThat(job.at("/pages/failed").asInt()).isEqualTo(1);
    assertThat(job.at("/pages/ocr").asInt()).isEqualTo(2);

    JsonNode result = json(node.http.get("/api/v1/jobs/" + id + "/result"));
    assertThat(result.get("partial").asBoolean()).isTrue();
    assertThat(result.at("/failedPages/0/number").asInt()).isEqualTo(2);
    assertThat(result.at("/failedPages/0/code").asText()).isEqualTo("IMAGE_TOO_LARGE");
    assertThat(result.at("/pages/1/source").asText()).isEqualTo("failed");
    assertThat(result.at("/pages/1/error/code").asText()).isEqualTo("IMAGE_TOO_LARGE");
    for (int index : new int[] {0, 2}) {
      assertThat(
              CharacterErrorRate.of(
                  TestPages.invoiceText(), result.at("/pages/" + index + "/text").asText()))
          .isLessThan(0.02);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "pypdf__image.jpg",
        "pypdf__smile.png",
        "pypdf__smile-lzw.tiff",
        "pypdf__page-0-X0.png",
        "pypdf__imagemagick-images.pdf"
      })
  void corpus_images_and_image_only_pdfs_go_through_ocr(String name) throws Exception {
    byte[] content = Files.readAllBytes(Corpus.dev(name));
    String id = submitAndAwait(name, content, null);
    JsonNode job = json(node.http.get("/api/v1/jobs/" + id));
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    JsonNode result = json(node.http.get("/api/v1/jobs/" + id + "/result"));
    assertThat(result.get("pages").size()).isEqualTo(result.at("/document/pageCount").asInt());
    for (JsonNode page : result.get("pages")) {
      assertThat(page.get("source").asText()).isEqualTo("ocr");
      assertThat(page.at("/ocr/dpi").asInt()).isPositive();
    }
  }

  @Test
  void scans_come_back_as_searchable_pdfs_with_the_ocr_text_under_the_image() throws Exception {
    Random random = new Random();
    byte[] scannedPdf =
        TestPages.scannedPdf(List.of(TestPages.scan(0, 10, random), TestPages.scan(3, 10, random)));
    byte[] skewedPng = TestPages.png(TestPages.scan(-3, 15, random));

    for (Object[] input :
        new Object[][] {{"scan.pdf", scannedPdf, 2}, {"skewed.png", skewedPng, 1}}) {
      String id = submitAndAwait((String) input[0], (byte[]) input[1], null);
      HttpResponse<byte[]> pdf = node.http.getBytes("/api/v1/jobs/" + id + "/result?format=pdf");
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
      try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
        assertThat(document.getNumberOfPages()).isEqualTo((int) input[2]);
        for (int page = 1; page <= document.getNumberOfPages(); page++) {
          var stripper = new org.apache.pdfbox.text.PDFTextStripper();
          stripper.setStartPage(page);
          stripper.setEndPage(page);
          String text = stripper.getText(document);
          assertThat(
                  CharacterErrorRate.of(
                      TestPages.invoiceText().replaceAll("\\s+", ""), text.replaceAll("\\s+", "")))
              .as("%s page %d: %s", input[0], page, text)
              .isLessThan(0.03);
        }
      }
    }
  }

  @Test
  void a_webp_image_is_read_and_ocred() throws Exception {
    byte[] webp;
    try (var in = getClass().getResourceAsStream("/documents/phototest.webp")) {
      webp = in.readAllBytes();
    }
    JsonNode page = onlyPage(submitAndAwait("phototest.webp", webp, null));
    assertThat(page.get("source").asText()).isEqualTo("ocr");
    String truth =
        Files.readString(
            Corpus.dev("pypdf__minimal-document.pdf")
                .getParent()
                .resolveSibling("ocr-dev")
                .resolve("real__phototest.gt.txt"));
    assertThat(CharacterErrorRate.of(truth, page.get("text").asText())).isLessThan(0.05);
  }

  // PaddleOCR (ocrEngine), through the same service: docs/ocr-engines.md.

  @Test
  void a_scanned_pdf_read_by_paddle_renders_as_hocr_and_as_a_searchable_pdf() throws Exception {
    Random random = new Random();
    byte[] pdf =
        TestPages.scannedPdf(
            List.of(TestPages.scan(0, 10, random), TestPages.scan(-2.5, 10, random)));

    String id = submitAndAwait("scan.pdf", pdf, "{\"ocrEngine\":\"paddle\"}");
    JsonNode result = json(node.http.get("/api/v1/jobs/" + id + "/result"));

    assertThat(result.get("pages")).hasSize(2);
    for (JsonNode page : result.get("pages")) {
      assertThat(page.get("source").asText()).isEqualTo("ocr");
      assertThat(CharacterErrorRate.of(TestPages.invoiceText(), page.get("text").asText()))
          .as(page.get("text").asText())
          .isLessThan(0.03);
      assertThat(page.at("/ocr/words").size()).isGreaterThan(40);
    }
    assertThat(result.at("/manifest/options/ocrEngine").asText()).isEqualTo("paddle");
    assertThat(result.at("/manifest/versions/model.paddleocr.rec").asText())
        .isEqualTo("sha256:06b3e6af6c59");
    assertThat(result.at("/manifest/versions/onnxruntime").asText()).startsWith("1.22");

    HttpResponse<String> hocr = node.http.get("/api/v1/jobs/" + id + "/result?format=hocr");
    assertThat(hocr.statusCode()).isEqualTo(200);
    assertThat(hocr.body()).contains("id='page_1'", "id='page_2'", "ocrx_word", "Invoice");

    HttpResponse<byte[]> searchable =
        node.http.getBytes("/api/v1/jobs/" + id + "/result?format=pdf");
    assertThat(searchable.statusCode()).isEqualTo(200);
    try (var document = org.apache.pdfbox.Loader.loadPDF(searchable.body())) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
      assertThat(text).contains("Invoice", "1,234.56");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"paddle", "auto"})
  void an_ocr_dev_scan_is_read_through_the_api_by(String engine) throws Exception {
    byte[] scan = Files.readAllBytes(Corpus.ocrDev("real__phototest.tif"));
    String truth = Files.readString(Corpus.ocrDev("real__phototest.gt.txt"));

    String id = submitAndAwait("phototest.tif", scan, "{\"ocrEngine\":\"" + engine + "\"}");
    JsonNode result = json(node.http.get("/api/v1/jobs/" + id + "/result"));

    String text = result.at("/pages/0/text").asText();
    // Measured: PaddleOCR 0.0035 (one character); auto is Tesseract for English, 0.
    assertThat(CharacterErrorRate.of(truth, text)).as(text).isLessThan(0.02);
    assertThat(result.at("/manifest/options/ocrEngine").asText()).isEqualTo(engine);
    HttpResponse<String> hocr = node.http.get("/api/v1/jobs/" + id + "/result?format=hocr");
    assertThat(hocr.body()).contains("ocrx_word", "quick");
  }

  @Test
  void auto_reads_chinese_with_paddle_where_tesseract_has_no_model() throws Exception {
    byte[] png = TestPages.png(TestPages.scan(1.5, 15, new Random()));

    String id =
        submitAndAwait("page.png", png, "{\"ocrEngine\":\"auto\",\"languages\":\"chi_sim\"}");
    JsonNode result = json(node.http.get("/api/v1/jobs/" + id + "/result"));

    assertThat(CharacterErrorRate.of(TestPages.invoiceText(), result.at("/pages/0/text").asText()))
        .isLessThan(0.03);
    assertThat(result.at("/manifest/options/ocrEngine").asText()).isEqualTo("auto");
  }

  @Test
  void an_unknown_engine_is_refused_naming_the_option() throws Exception {
    HttpResponse<String> refused =
        node.http.submit(
            "page.png",
            TestPages.png(TestPages.scan(0, 0, new Random())),
            "{\"ocrEngine\":\"easyocr\"}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("ocrEngine");
  }

  private JsonNode onlyPage(String id) throws Exception {
    JsonNode result = json(node.http.get("/api/v1/jobs/" + id + "/result"));
    assertThat(result.get("pages")).as(result.toString()).hasSize(1);
    return result.get("pages").get(0);
  }

  private String submitAndAwait(String name, byte[] content, String options) throws Exception {
    HttpResponse<String> accepted = node.http.submit(name, content, options);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = json(accepted).get("id").asText();
    JsonNode job = node.http.awaitFinished(id, TIMEOUT);
    assertThat(job.get("status").asText()).isIn("succeeded", "failed");
    return id;
  }
}
