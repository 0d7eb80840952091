package io.docgrid.tasks.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.testkit.CharacterErrorRate;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcrEngineTest {

  @TempDir static Path modelsDirectory;

  private static TessdataDirectory models;
  private static OcrEngine engine;

  @BeforeAll
  static void startEngine() {
    models = TessdataDirectory.install(modelsDirectory);
    engine = new OcrEngine(models, List.of("eng"));
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void rendered_text_comes_back_with_under_2_percent_character_errors() {
    OcrPage page = engine.recognise(RenderedText.gray(RenderedText.INVOICE), RenderedText.DPI);

    assertThat(CharacterErrorRate.of(String.join("\n", RenderedText.INVOICE), page.text()))
        .isLessThan(0.02);
    assertThat(page.text()).doesNotContain("\r").isEqualTo(page.text().stripTrailing());
    assertThat(page.meanConfidence()).isGreaterThan(80f);
  }

  @Test
  void words_have_boxes_inside_the_image_and_confidences_between_0_and_100() {
    GrayImage image = RenderedText.gray(RenderedText.INVOICE);

    OcrPage page = engine.recognise(image, RenderedText.DPI);

    assertThat(page.words()).hasSizeGreaterThanOrEqualTo(50);
    assertThat(page.words().get(0).text()).isEqualTo("The");
    assertThat(page.words())
        .allSatisfy(
            word -> {
              assertThat(word.text()).isNotBlank();
              assertThat(word.left()).isGreaterThanOrEqualTo(RenderedText.MARGIN / 2);
              assertThat(word.top()).isGreaterThanOrEqualTo(RenderedText.MARGIN / 2);
              assertThat(word.width()).isPositive();
              assertThat(word.height()).isBetween(10, 80);
              assertThat(word.left() + word.width()).isLessThanOrEqualTo(image.width());
              assertThat(word.top() + word.height()).isLessThanOrEqualTo(image.height());
              assertThat(word.confidence()).isBetween(0f, 100f);
            });
    float lowest =
        (float) page.words().stream().mapToDouble(OcrWord::confidence).min().orElseThrow();
    assertThat(page.minConfidence()).isEqualTo(lowest);
    // Ink under the first word's box: the box is where the word is, not just inside the page.
    OcrWord first = page.words().get(0);
    assertThat(darkPixels(image, first)).isGreaterThan(first.width() * first.height() / 10);
  }

  @Test
  void hocr_is_one_page_with_words() {
    OcrPage page = engine.recognise(RenderedText.gray(RenderedText.LETTER), RenderedText.DPI);

    assertThat(page.hocr()).contains("class='ocr_page'", "class='ocrx_word'", "Fisher");
    assertThat(page.hocr().strip()).startsWith("<div class='ocr_page'").endsWith("</div>");
  }

  @Test
  void a_reused_engine_reads_each_new_page_correctly() {
    for (List<String> lines :
        List.of(RenderedText.REPORT, RenderedText.LETTER, RenderedText.INVOICE)) {
      OcrPage page = engine.recognise(RenderedText.gray(lines), RenderedText.DPI);

      assertThat(CharacterErrorRate.of(String.join("\n", lines), page.text()))
          .as("page starting %s", lines.get(0))
          .isLessThan(0.02);
    }
  }

  @Test
  void a_blank_page_gives_no_text_and_no_words() {
    OcrPage page = engine.recognise(GrayImage.blank(1200, 900, 255), RenderedText.DPI);

    assertThat(page.text()).isEmpty();
    assertThat(page.words()).isEmpty();
    assertThat(page.minConfidence()).isZero();
    assertThat(page.hocr()).contains("ocr_page").doesNotContain("ocrx_word");
  }

  @Test
  void an_upright_page_needs_no_rotation() {
    Orientation orientation = engine.detectOrientation(RenderedText.gray(RenderedText.INVOICE));

    assertThat(orientation.rotateDegrees()).isZero();
    assertThat(orientation.confidence()).isPositive();
  }

  @Test
  void a_page_turned_90_degrees_clockwise_needs_270_more_to_read_upright() {
    BufferedImage turned =
        RenderedText.rotateClockwise(RenderedText.render(RenderedText.INVOICE), 90);

    Orientation orientation = engine.detectOrientation(GrayImage.of(turned));

    assertThat(orientation.rotateDegrees()).isEqualTo(270);
    assertThat(orientation.confidence()).isPositive();
    // The convention, checked end to end: turning by the answer makes the page readable.
    GrayImage upright =
        GrayImage.of(RenderedText.rotateClockwise(turned, orientation.rotateDegrees()));
    assertThat(
            CharacterErrorRate.of(
                String.join("\n", RenderedText.INVOICE),
                engine.recognise(upright, RenderedText.DPI).text()))
        .isLessThan(0.02);
  }

  @Test
  void pages_turned_180_and_270_degrees_are_detected_too() {
    BufferedImage rendered = RenderedText.render(RenderedText.INVOICE);

    assertThat(
            engine
                .detectOrientation(GrayImage.of(RenderedText.rotateClockwise(rendered, 180)))
                .rotateDegrees())
        .isEqualTo(180);
    assertThat(
            engine
                .detectOrientation(GrayImage.of(RenderedText.rotateClockwise(rendered, 270)))
                .rotateDegrees())
        .isEqualTo(90);
  }

  @Test
  void a_page_without_text_has_no_orientation_opinion() {
    assertThat(engine.detectOrientation(GrayImage.blank(800, 600, 255)))
        .isEqualTo(new Orientation(0, 0f));
  }

  @Test
  void an_unknown_language_is_rejected_naming_the_installed_ones() {
    assertThatThrownBy(() -> new OcrEngine(models, List.of("eng", "xxx")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[xxx]")
        .hasMessageContaining("installed languages: [eng, osd]");
  }

  @Test
  void the_native_version_is_tesseract_5() {
    assertThat(engine.tesseractVersion()).startsWith("5.");
  }

  @Test
  void a_closed_engine_refuses_work_and_closes_twice_quietly() {
    OcrEngine closed = new OcrEngine(models, List.of("eng"));
    closed.close();
    closed.close();

    assertThatThrownBy(() -> closed.recognise(GrayImage.blank(10, 10, 255), 300))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> closed.detectOrientation(GrayImage.blank(10, 10, 255)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(closed::tesseractVersion).isInstanceOf(IllegalStateException.class);
  }

  private static int darkPixels(GrayImage image, OcrWord word) {
    int count = 0;
    for (int y = word.top(); y < word.top() + word.height(); y++) {
      for (int x = word.left(); x < word.left() + word.width(); x++) {
        if (image.get(x, y) < 128) {
          count++;
        }
      }
    }
    return count;
  }
}
