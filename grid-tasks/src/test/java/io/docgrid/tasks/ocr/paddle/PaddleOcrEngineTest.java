package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.ocr.OcrPage;
import io.docgrid.tasks.ocr.OcrWord;
import io.docgrid.tasks.pipeline.ComponentVersions;
import io.docgrid.testkit.CharacterErrorRate;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PP-OCRv4 on ONNX Runtime (CPU) against pages whose text is known. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaddleOcrEngineTest {

  private PaddleInference inference;
  private PaddleOcrEngine engine;

  @BeforeAll
  void loadModels() {
    inference = PaddleRuntime.cpu().open();
    engine = new PaddleOcrEngine(inference);
  }

  @AfterAll
  void closeModels() {
    inference.close();
  }

  @Test
  void tesseract_sample_scan_reads_with_under_2_percent_character_errors() throws Exception {
    GrayImage scan = GrayImage.of(ImageIO.read(Corpus.ocrDev("real__phototest.tif").toFile()));
    String truth = Files.readString(Corpus.ocrDev("real__phototest.gt.txt"));

    OcrPage page = engine.recognise(scan, 300, 0);

    // Measured 0.0035 (one character).
    assertThat(CharacterErrorRate.of(truth, page.text())).isLessThan(0.02);
  }

  @Test
  void skewed_noisy_scan_reads_with_under_3_percent_character_errors() {
    GrayImage scan = GrayImage.of(TestPages.scan(2.0, 20, new Random(7)));

    OcrPage page = engine.recognise(scan, 300, 0);

    // Measured 0.0036.
    assertThat(CharacterErrorRate.of(TestPages.invoiceText(), page.text())).isLessThan(0.03);
  }

  @Test
  void page_upside_down_reads_upright_through_the_angle_classifier() {
    GrayImage scan = GrayImage.of(TestPages.rotated(TestPages.scan(0, 0, new Random(1)), 180));

    OcrPage page = engine.recognise(scan, 300, 0);

    assertThat(CharacterErrorRate.of(TestPages.invoiceText(), page.text())).isLessThan(0.03);
  }

  @Test
  void two_columns_read_down_the_left_column_before_the_right() {
    List<String> left = TestPages.INVOICE.subList(0, 3);
    List<String> right = List.of("Second column first line.", "Second column last line.");
    BufferedImage page = new BufferedImage(2600, 900, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D graphics = page.createGraphics();
    graphics.drawImage(TestPages.text(1300, 900, 30, left), 0, 0, null);
    graphics.drawImage(TestPages.text(1300, 900, 30, right), 1300, 0, null);
    graphics.dispose();

    String text = engine.recognise(GrayImage.of(page), 300, 0).text();

    String expected = String.join("\n", left) + "\n" + String.join("\n", right);
    assertThat(CharacterErrorRate.of(expected, text)).isLessThan(0.03);
  }

  @Test
  void words_have_boxes_on_the_page_and_appear_in_the_hocr() {
    BufferedImage scan = TestPages.scan(0, 0, new Random(1));

    OcrPage page = engine.recognise(GrayImage.of(scan), 300, 0);

    assertThat(page.words()).extracting(OcrWord::text).contains("Invoice", "2026-117", "payment.");
    for (OcrWord word : page.words()) {
      assertThat(word.left()).isBetween(0, scan.getWidth());
      assertThat(word.top()).isBetween(0, scan.getHeight());
      assertThat(word.width()).isPositive();
      // Words are a line high, and about as wide as their letters at this size (~25 px each).
      assertThat(word.height()).isBetween(40, 120);
      assertThat(word.width()).isBetween(10 * word.text().length(), 45 * word.text().length());
      assertThat(word.confidence()).isBetween(50f, 100f);
    }
    assertThat(page.meanConfidence()).isGreaterThan(90f);
    assertThat(page.hocr())
        .startsWith("  <div class='ocr_page' id='page_1'")
        .contains("class='ocrx_word'", ">2026-117</span>");
  }

  @Test
  void the_cache_keys_model_set_is_the_bundled_models() {
    var versions = inference.versions();
    String bundled =
        "det:%s,cls:%s,rec:%s,keys:%s"
            .formatted(
                versions.get("model.paddleocr.det").substring(7),
                versions.get("model.paddleocr.cls").substring(7),
                versions.get("model.paddleocr.rec").substring(7),
                versions.get("model.paddleocr.keys").substring(7));

    assertThat(bundled).isEqualTo(ComponentVersions.PADDLE_MODELS);
    assertThat(PaddleModels.bundledVersions()).isEqualTo(versions);
  }
}
