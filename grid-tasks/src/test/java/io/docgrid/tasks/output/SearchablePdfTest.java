package io.docgrid.tasks.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchablePdfTest {

  private static OcrLayer layer(int rotation, double skew) {
    return new OcrLayer(1, 300, rotation, skew, List.of());
  }

  @Test
  void an_upright_straight_page_maps_points_to_themselves() {
    Point2D.Double p = SearchablePdf.toOriginal(10, 20, layer(0, 0), 100, 50);
    assertThat(p.x).isEqualTo(10);
    assertThat(p.y).isEqualTo(20);
  }

  @Test
  void quarter_turns_map_the_corners_of_the_upright_page_back() {
    // The original is 100 wide and 50 high; turned clockwise by 90 it is 50 wide and 100 high,
    // and its top-left corner is the original's bottom-left.
    Point2D.Double topLeft = SearchablePdf.toOriginal(0, 0, layer(90, 0), 100, 50);
    assertThat(topLeft.x).isEqualTo(0);
    assertThat(topLeft.y).isEqualTo(50);

    Point2D.Double half = SearchablePdf.toOriginal(0, 0, layer(180, 0), 100, 50);
    assertThat(half.x).isEqualTo(100);
    assertThat(half.y).isEqualTo(50);

    Point2D.Double threeQuarters = SearchablePdf.toOriginal(0, 0, layer(270, 0), 100, 50);
    assertThat(threeQuarters.x).isEqualTo(100);
    assertThat(threeQuarters.y).isEqualTo(0);
  }

  @Test
  void the_centre_stays_put_under_deskew_and_other_points_turn_about_it() {
    Point2D.Double centre = SearchablePdf.toOriginal(50, 25, layer(0, 4), 100, 50);
    assertThat(centre.x).isCloseTo(50, within(1e-9));
    assertThat(centre.y).isCloseTo(25, within(1e-9));

    // Positive skew: the page's lines rose to the right, so a point right of the centre on the
    // straightened image lies higher (smaller y) on the original.
    Point2D.Double right = SearchablePdf.toOriginal(90, 25, layer(0, 4), 100, 50);
    assertThat(right.y).isLessThan(25);
    assertThat(Math.hypot(right.x - 50, right.y - 25)).isCloseTo(40, within(1e-9));
  }

  // Two lines as Tesseract reports them: words of different heights (capitals, descenders).
  private static final List<OcrLayer.Word> TWO_LINES =
      List.of(
          new OcrLayer.Word("Hello,", 100, 100, 180, 50),
          new OcrLayer.Word("quick", 300, 108, 150, 56),
          new OcrLayer.Word("world", 470, 100, 160, 42),
          new OcrLayer.Word("Jumping", 100, 200, 230, 58),
          new OcrLayer.Word("dogs", 350, 204, 120, 54),
          new OcrLayer.Word("gently", 490, 204, 170, 54));

  @Test
  void words_in_reading_order_are_cut_into_lines() {
    List<List<OcrLayer.Word>> lines = SearchablePdf.lines(TWO_LINES);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .extracting(OcrLayer.Word::text)
        .containsExactly("Hello,", "quick", "world");
    assertThat(lines.get(1))
        .extracting(OcrLayer.Word::text)
        .containsExactly("Jumping", "dogs", "gently");
  }

  @Test
  void a_word_that_starts_left_of_the_one_before_starts_a_new_line() {
    List<List<OcrLayer.Word>> lines =
        SearchablePdf.lines(
            List.of(
                new OcrLayer.Word("end", 800, 100, 100, 40),
                new OcrLayer.Word("next", 100, 110, 100, 40),
                new OcrLayer.Word(" ", 300, 110, 10, 40)));
    assertThat(lines).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 90, 180, 270})
  void a_reader_finds_the_words_as_lines_with_spaces_in_every_orientation(
      int rotation, @TempDir Path temp) throws Exception {
    Path image = temp.resolve("scan.png");
    boolean sideways = rotation == 90 || rotation == 270;
    ImageIO.write(
        new BufferedImage(sideways ? 400 : 800, sideways ? 800 : 400, BufferedImage.TYPE_BYTE_GRAY),
        "png",
        image.toFile());
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    new SearchablePdf()
        .fromImage(image, List.of(new OcrLayer(1, 300, rotation, 0, TWO_LINES)), 300, pdf);

    try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
      // Shown turned as OCR read it, the text runs left to right whatever the scan's orientation.
      document.getPage(0).setRotation(rotation);
      String text = new PDFTextStripper().getText(document).strip();
      assertThat(text.lines().map(String::strip))
          .containsExactly("Hello, quick world", "Jumping dogs gently");
    }
  }

  @Test
  void text_in_any_script_of_the_basic_plane_is_searchable_as_it_was_read(@TempDir Path temp)
      throws Exception {
    Path image = temp.resolve("scan.png");
    ImageIO.write(new BufferedImage(900, 300, BufferedImage.TYPE_BYTE_GRAY), "png", image.toFile());
    List<OcrLayer.Word> words =
        List.of(
            new OcrLayer.Word("Grüße", 50, 100, 150, 40),
            new OcrLayer.Word("Привет", 220, 100, 170, 40),
            new OcrLayer.Word("Καλημέρα", 410, 100, 200, 40),
            new OcrLayer.Word("你好", 630, 100, 80, 40),
            new OcrLayer.Word("a\uD83D\uDE00", 730, 100, 60, 40));
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    new SearchablePdf().fromImage(image, List.of(new OcrLayer(1, 300, 0, 0, words)), 300, pdf);

    try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
      assertThat(new PDFTextStripper().getText(document).strip())
          .isEqualTo("Grüße Привет Καλημέρα 你好 a?");
    }
  }
}
