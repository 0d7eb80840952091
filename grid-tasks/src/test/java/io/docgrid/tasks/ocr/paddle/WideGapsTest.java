package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.docgrid.tasks.ocr.paddle.LineRecognizer.Glyph;
import io.docgrid.tasks.ocr.paddle.LineRecognizer.ReadLine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WideGapsTest {

  private static final double HEIGHT = 40;

  @Test
  void a_line_spanning_a_gutter_is_cut_into_its_two_columns() {
    // "ipsum dolor" ends at 207; the next column starts at 600: a gap of 10 line heights.
    ReadLine joined =
        line(new LineBox(100, 200, 1, 0, 1000, HEIGHT), "ipsum dolor", 0, "sit amet", 600);

    List<ReadLine> pieces = WideGaps.cut(List.of(joined));

    assertThat(pieces).extracting(ReadLine::text).containsExactly("ipsum dolor", "sit amet");
    ReadLine right = pieces.get(1);
    assertThat(right.box().x()).isGreaterThan(100 + 207).isLessThan(100 + 600);
    assertThat(right.box().y()).isEqualTo(200);
    assertThat(right.box().x() + right.box().width()).isCloseTo(1100, within(1e-9));
    // The right piece's characters keep their places on the page.
    assertThat(right.box().pageX(right.glyphs().get(0).from(), 0))
        .isCloseTo(100 + 600, within(1e-9));
    assertThat(pieces.get(0).box().bounds().getMaxX())
        .isLessThanOrEqualTo(right.box().bounds().getMinX() + 1);
  }

  @Test
  void word_spaces_do_not_cut_a_line() {
    ReadLine prose = line(new LineBox(0, 0, 1, 0, 900, HEIGHT), "quick brown fox", 0, null, 0);

    assertThat(WideGaps.cut(List.of(prose))).containsExactly(prose);
  }

  @Test
  void a_turned_line_is_cut_along_its_own_direction() {
    // Upside down: the line runs right to left from (1100, 240).
    LineBox turned = new LineBox(1100, 240, -1, 0, 1000, HEIGHT);
    ReadLine joined = line(turned, "left", 0, "right", 700);

    List<ReadLine> pieces = WideGaps.cut(List.of(joined));

    assertThat(pieces).extracting(ReadLine::text).containsExactly("left", "right");
    assertThat(pieces.get(1).box().x()).isLessThan(1100 - 160).isGreaterThan(1100 - 700);
  }

  /**
   * A line whose characters are 20 px apart (half a line height: a word space puts 40 px between
   * the words' characters), {@code first} from {@code firstAt} and {@code second} from {@code
   * secondAt}.
   */
  private static ReadLine line(
      LineBox box, String first, double firstAt, String second, double secondAt) {
    List<Glyph> glyphs = new ArrayList<>();
    add(glyphs, first, firstAt);
    if (second != null) {
      glyphs.add(
          new Glyph(
              " ",
              glyphs.get(glyphs.size() - 1).to() + 10,
              glyphs.get(glyphs.size() - 1).to() + 17,
              0.9f));
      add(glyphs, second, secondAt);
    }
    return new ReadLine(box, glyphs, 0.95f);
  }

  private static void add(List<Glyph> glyphs, String text, double at) {
    double position = at;
    for (char c : text.toCharArray()) {
      glyphs.add(new Glyph(String.valueOf(c), position, position + 7, 0.95f));
      position += 20;
    }
  }
}
