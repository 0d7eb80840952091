package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reading order on pages drawn as rectangles, lines 40 pixels high every 50, as at 300 dpi. */
class ReadingOrderTest {

  private static final int HEIGHT = 40;
  private static final int PITCH = 50;

  private record Line(String text, Rectangle box) {}

  @Test
  void two_columns_under_a_title_read_the_title_then_down_the_left_column_then_the_right() {
    List<Line> title = List.of(line("title", 600, 200, 1300));
    List<Line> left = column("left", 300, 400, 950, 30);
    List<Line> right = column("right", 1300, 400, 950, 30);

    assertThat(read(title, left, right)).containsExactlyElementsOf(texts(title, left, right));
  }

  @Test
  void lines_reaching_a_little_into_the_gutter_do_not_join_the_columns() {
    List<Line> left = new ArrayList<>(column("left", 300, 400, 950, 30));
    List<Line> right = new ArrayList<>(column("right", 1290, 400, 950, 30));
    // A hyphen past the left column's edge; a line of the right column that starts early.
    left.set(10, line("left 11", 300, 400 + 10 * PITCH, 985));
    right.set(20, line("right 21", 1255, 400 + 20 * PITCH, 985));

    assertThat(read(left, right)).containsExactlyElementsOf(texts(left, right));
  }

  @Test
  void lines_that_the_detector_ran_across_the_gutter_leave_the_columns_in_order() {
    List<Line> left = new ArrayList<>(column("left", 300, 400, 950, 40));
    List<Line> right = new ArrayList<>(column("right", 1290, 400, 950, 40));
    // Two rows of both columns read as one line each; they start in the left column.
    left.set(12, line("left 13 right 13", 300, 400 + 12 * PITCH, 1940));
    right.remove(12);
    left.set(30, line("left 31 right 31", 300, 400 + 30 * PITCH, 1940));
    right.remove(29);

    assertThat(read(left, right)).containsExactlyElementsOf(texts(left, right));
  }

  @Test
  void paragraph_breaks_level_in_both_columns_do_not_cut_them_into_bands() {
    List<Line> left = new ArrayList<>(column("left", 300, 400, 950, 12));
    left.addAll(column("left after", 300, 400 + 12 * PITCH + 25, 950, 12));
    List<Line> right = new ArrayList<>(column("right", 1300, 400, 950, 12));
    right.addAll(column("right after", 1300, 400 + 12 * PITCH + 25, 950, 12));

    assertThat(read(right, left)).containsExactlyElementsOf(texts(left, right));
  }

  @Test
  void three_columns_read_left_to_right() {
    List<Line> first = column("first", 200, 300, 600, 35);
    List<Line> second = column("second", 880, 300, 600, 35);
    List<Line> third = column("third", 1560, 300, 600, 20);

    assertThat(read(third, first, second)).containsExactlyElementsOf(texts(first, second, third));
  }

  @Test
  void running_header_and_footer_across_the_columns_stay_first_and_last() {
    List<Line> header = List.of(line("header", 300, 100, 1950));
    List<Line> left = column("left", 300, 400, 950, 30);
    List<Line> right = column("right", 1300, 400, 950, 25);
    List<Line> footer = List.of(line("footer", 300, 2100, 1950));

    assertThat(read(footer, right, left, header))
        .containsExactlyElementsOf(texts(header, left, right, footer));
  }

  @Test
  void page_number_centred_below_the_columns_comes_last() {
    List<Line> left = column("left", 300, 400, 950, 30);
    List<Line> right = column("right", 1300, 400, 950, 30);
    // Narrow enough to sit in the gutter.
    List<Line> number = List.of(line("7", 1262, 2100, 24));

    assertThat(read(number, left, right)).containsExactlyElementsOf(texts(left, right, number));
  }

  @Test
  void header_of_two_short_pieces_above_a_column_comes_first() {
    List<Line> header =
        List.of(line("Survey Manager", 220, 10, 330), line("Page 2", 2020, 10, 235));
    List<Line> text = column("text", 340, 1000, 1750, 12);

    assertThat(read(text, header)).containsExactlyElementsOf(texts(header, text));
  }

  @Test
  void headline_below_the_columns_is_read_after_them_though_its_words_leave_the_gutter_open() {
    List<Line> left = column("left", 300, 300, 950, 30);
    List<Line> right = column("right", 1300, 300, 950, 30);
    // Large type, its two pieces apart where the gutter runs, a byline under the first.
    List<Line> headline =
        List.of(
            new Line("headline start", new Rectangle(400, 1900, 820, 120)),
            new Line("headline end", new Rectangle(1320, 1900, 800, 120)),
            line("byline", 400, 2060, 500));

    assertThat(read(headline, right, left)).containsExactlyElementsOf(texts(left, right, headline));
  }

  @Test
  void table_whose_first_column_is_wide_reads_column_by_column_as_pdftotext_does() {
    List<Line> names = column("name", 450, 1400, 520, 6);
    List<Line> amounts = column("amount", 1200, 1400, 150, 6);
    List<Line> limits = column("limit", 1600, 1400, 150, 6);

    assertThat(read(limits, names, amounts))
        .containsExactlyElementsOf(texts(names, amounts, limits));
  }

  @Test
  void single_column_with_indented_paragraphs_reads_top_to_bottom() {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean firstOfParagraph = i % 8 == 0;
      boolean lastOfParagraph = i % 8 == 7;
      int left = firstOfParagraph ? 360 : 300;
      int width = lastOfParagraph ? 700 : 1900 - (left - 300);
      lines.add(line("line " + (i + 1), left, 300 + i * PITCH, width));
    }

    assertThat(read(lines)).containsExactlyElementsOf(texts(lines));
  }

  @Test
  void table_of_short_cells_reads_row_by_row() {
    List<Line> cells = new ArrayList<>();
    for (int row = 0; row < 6; row++) {
      for (int column = 0; column < 4; column++) {
        cells.add(line("r" + row + "c" + column, 300 + 450 * column, 500 + 70 * row, 200));
      }
    }

    assertThat(read(cells)).containsExactlyElementsOf(texts(cells));
  }

  @Test
  void bullets_are_read_with_the_lines_beside_them() {
    List<Line> lines = new ArrayList<>();
    for (int item = 0; item < 5; item++) {
      lines.add(line("bullet " + item, 300, 400 + 60 * item, 20));
      lines.add(line("item " + item, 360, 400 + 60 * item, 1500));
    }

    assertThat(read(lines)).containsExactlyElementsOf(texts(lines));
  }

  @Test
  void words_of_a_row_that_the_detector_found_apart_are_read_in_their_row() {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int top = 300 + i * PITCH;
      if (i == 4) {
        // A justified row with wide spaces: three pieces, the last at the column's edge.
        lines.add(line("row 5 start", 300, top, 500));
        lines.add(line("row 5 middle", 830, top, 400));
        lines.add(line("row 5 end", 1250, top, 50));
      } else {
        lines.add(line("row " + (i + 1), 300, top, 1000));
      }
    }

    assertThat(read(lines)).containsExactlyElementsOf(texts(lines));
  }

  @Test
  void end_of_a_row_found_apart_stays_before_the_short_last_row_of_its_paragraph() {
    List<Line> lines =
        List.of(
            line("row 1", 300, 300, 1800),
            line("row 2 start", 300, 350, 1200),
            line("row 2 end", 1540, 350, 560),
            line("row 3", 300, 400, 1260));

    assertThat(read(lines)).containsExactlyElementsOf(texts(lines));
  }

  @Test
  void blocks_are_the_title_and_each_column() {
    List<Line> title = List.of(line("title", 600, 200, 1300));
    List<Line> left = column("left", 300, 400, 950, 30);
    List<Line> right = column("right", 1300, 400, 950, 30);

    List<List<Line>> blocks = ReadingOrder.blocks(shuffled(title, left, right), Line::box);

    assertThat(blocks).containsExactly(title, left, right);
  }

  @Test
  void a_heading_taller_than_its_paragraph_is_a_block_apart() {
    List<Line> heading = List.of(new Line("heading", new Rectangle(300, 300, 600, 70)));
    List<Line> paragraph = column("text", 300, 390, 1900, 5);

    List<List<Line>> blocks = ReadingOrder.blocks(shuffled(heading, paragraph), Line::box);

    assertThat(blocks).containsExactly(heading, paragraph);
  }

  @Test
  void no_lines_no_blocks() {
    assertThat(ReadingOrder.blocks(List.<Line>of(), Line::box)).isEmpty();
  }

  private static Line line(String text, int left, int top, int width) {
    return new Line(text, new Rectangle(left, top, width, HEIGHT));
  }

  private static List<Line> column(String name, int left, int top, int width, int count) {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Ragged: every fifth line ends a paragraph short of the edge.
      int length = i % 5 == 4 ? width / 2 : width;
      lines.add(line(name + " " + (i + 1), left, top + i * PITCH, length));
    }
    return lines;
  }

  /** The page's lines in reading order, given in an order that has nothing to do with it. */
  @SafeVarargs
  private static List<String> read(List<Line>... parts) {
    return ReadingOrder.blocks(shuffled(parts), Line::box).stream()
        .flatMap(List::stream)
        .map(Line::text)
        .toList();
  }

  @SafeVarargs
  private static List<Line> shuffled(List<Line>... parts) {
    List<Line> lines = new ArrayList<>(Stream.of(parts).flatMap(List::stream).toList());
    Collections.shuffle(lines, new Random(42));
    return lines;
  }

  @SafeVarargs
  private static List<String> texts(List<Line>... parts) {
    return Stream.of(parts).flatMap(List::stream).map(Line::text).toList();
  }
}
