package io.docgrid.tasks.ocr.paddle;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Puts a page's lines in reading order ({@link XyCut}: columns left to right, the rest top to
 * bottom), then groups lines that follow each other closely into blocks, a column's paragraphs.
 */
final class ReadingOrder {

  /** A line continues a block when it starts at most this many of its heights below the block. */
  private static final double MAX_LINE_GAP = 1.0;

  /** Lines of one block differ in height by at most this factor (a heading is a block apart). */
  private static final double MAX_HEIGHT_RATIO = 1.5;

  private ReadingOrder() {}

  /** Lines grouped into blocks, both in reading order. */
  static <L> List<List<L>> blocks(List<L> lines, Function<L, Rectangle> bounds) {
    List<Placed<L>> placed = new ArrayList<>();
    for (L line : lines) {
      placed.add(new Placed<>(line, bounds.apply(line)));
    }
    List<List<L>> blocks = new ArrayList<>();
    Placed<L> previous = null;
    for (Placed<L> line : new XyCut(medianHeight(placed)).order(placed)) {
      if (previous == null || !continues(previous, line)) {
        blocks.add(new ArrayList<>());
      }
      blocks.get(blocks.size() - 1).add(line.line());
      previous = line;
    }
    return blocks;
  }

  /** Whether {@code line}, read right after {@code previous}, is in the same block. */
  private static boolean continues(Placed<?> previous, Placed<?> line) {
    if (line.sameRow(previous)) {
      return true;
    }
    int taller = Math.max(line.height(), previous.height());
    int shorter = Math.min(line.height(), previous.height());
    boolean below = line.top() > previous.top() + previous.height() / 2;
    boolean close = line.top() - previous.bottom() <= MAX_LINE_GAP * line.height();
    boolean overlapping = line.left() < previous.right() && previous.left() < line.right();
    return below && close && overlapping && taller <= MAX_HEIGHT_RATIO * shorter;
  }

  private static double medianHeight(List<? extends Placed<?>> lines) {
    if (lines.isEmpty()) {
      return 0;
    }
    int[] heights = lines.stream().mapToInt(Placed::height).sorted().toArray();
    return heights[heights.length / 2];
  }
}
