package io.docgrid.tasks.ocr.paddle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a region of lines splits into columns: at gutters, vertical strips that no line crosses, a
 * line's end reaching in by less than its height forgiven.
 */
final class Gutters {

  /**
   * How far, in its own heights, a line may reach into a gutter without bridging it: a hyphen or
   * stray character, the margin the detector draws round text.
   */
  private static final double GUTTER_TOLERANCE = 0.75;

  private Gutters() {}

  /** A strip down the region, from {@code from} to {@code to} across it. */
  private record Strip(double from, double to) {
    double width() {
      return to - from;
    }

    double middle() {
      return (from + to) / 2;
    }
  }

  /**
   * The region cut into columns at its gutters, left to right. With {@code bridging} 0, at every
   * gutter that no line crosses; otherwise at the one gutter that the fewest lines cross, at most
   * {@code bridging}, where each line goes to the column that it starts in.
   */
  static <L> List<List<Placed<L>>> columns(List<Placed<L>> region, int bridging) {
    List<Double> edges = new ArrayList<>();
    for (Placed<L> line : region) {
      edges.add(solidLeft(line));
      edges.add(solidRight(line));
    }
    edges.sort(Comparator.naturalOrder());
    List<Strip> gutters = new ArrayList<>();
    Strip fewest = null;
    int fewestCrossing = 0;
    for (int i = 1; i < edges.size(); i++) {
      Strip strip = new Strip(edges.get(i - 1), edges.get(i));
      if (strip.width() <= 0 || !hasColumnsEitherSide(region, strip.middle())) {
        continue;
      }
      int crossing = crossing(region, strip.middle());
      if (crossing == 0 && bridging == 0) {
        Strip previous = gutters.isEmpty() ? null : gutters.get(gutters.size() - 1);
        if (previous != null && previous.to() == strip.from()) {
          gutters.set(gutters.size() - 1, new Strip(previous.from(), strip.to()));
        } else {
          gutters.add(strip);
        }
      } else if (bridging > 0
          && crossing <= bridging
          && (fewest == null
              || crossing < fewestCrossing
              || crossing == fewestCrossing && strip.width() > fewest.width())) {
        fewest = strip;
        fewestCrossing = crossing;
      }
    }
    if (fewest != null) {
      gutters.add(fewest);
    }
    return split(region, gutters);
  }

  private static <L> List<List<Placed<L>>> split(List<Placed<L>> region, List<Strip> gutters) {
    List<List<Placed<L>>> columns = new ArrayList<>();
    for (int i = 0; i <= gutters.size(); i++) {
      columns.add(new ArrayList<>());
    }
    for (Placed<L> line : region) {
      int column = 0;
      while (column < gutters.size() && solidLeft(line) >= gutters.get(column).middle()) {
        column++;
      }
      columns.get(column).add(line);
    }
    columns.removeIf(List::isEmpty);
    // A column of one row whose row goes on in the next column is a piece of that row.
    for (int i = columns.size() - 1; i >= 0 && columns.size() > 1; i--) {
      List<Placed<L>> column = columns.get(i);
      for (int next : new int[] {i - 1, i + 1}) {
        if (next >= 0 && next < columns.size() && isPieceOfRowIn(column, columns.get(next))) {
          columns.get(next).addAll(columns.remove(i));
          break;
        }
      }
    }
    return columns;
  }

  private static <L> boolean isPieceOfRowIn(List<Placed<L>> column, List<Placed<L>> next) {
    Placed<L> first = column.get(0);
    return column.stream().allMatch(first::sameRow) && next.stream().anyMatch(first::sameRow);
  }

  /**
   * Whether a cut at {@code x} has lines wholly on either side, those on the left reaching further
   * left and those on the right further right: not a word at the end of a row that the tolerance
   * would let stand apart from the rest of its column.
   */
  private static <L> boolean hasColumnsEitherSide(List<Placed<L>> region, double x) {
    int leftOfLeft = Integer.MAX_VALUE;
    int rightOfLeft = Integer.MIN_VALUE;
    int leftOfRight = Integer.MAX_VALUE;
    int rightOfRight = Integer.MIN_VALUE;
    for (Placed<L> line : region) {
      if (solidRight(line) <= x) {
        leftOfLeft = Math.min(leftOfLeft, line.left());
        rightOfLeft = Math.max(rightOfLeft, line.right());
      } else if (solidLeft(line) >= x) {
        leftOfRight = Math.min(leftOfRight, line.left());
        rightOfRight = Math.max(rightOfRight, line.right());
      }
    }
    return leftOfLeft < leftOfRight && rightOfLeft < rightOfRight;
  }

  private static <L> int crossing(List<Placed<L>> region, double x) {
    int crossing = 0;
    for (Placed<L> line : region) {
      if (solidLeft(line) < x && x < solidRight(line)) {
        crossing++;
      }
    }
    return crossing;
  }

  /** Where a line starts for gutters: its left edge, less what may reach into a gutter. */
  private static double solidLeft(Placed<?> line) {
    return line.left() + tolerance(line);
  }

  private static double solidRight(Placed<?> line) {
    return line.right() - tolerance(line);
  }

  private static double tolerance(Placed<?> line) {
    return Math.min(GUTTER_TOLERANCE * line.height(), line.box().width / 2.0);
  }
}
