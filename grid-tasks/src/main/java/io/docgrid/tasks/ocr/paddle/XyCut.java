package io.docgrid.tasks.ocr.paddle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Lines in reading order by recursive XY cuts on the lines themselves: a region is split at gutters
 * (vertical strips that no line crosses, a line's end reaching in a little forgiven) into columns,
 * read left to right, or at gaps across it into bands, read top to bottom, until nothing cuts it;
 * its lines are then read row by row, each row left to right. Each split, first that applies:
 *
 * <ol>
 *   <li>At its gutters, so that a page of two columns reads down the left one, then the right; a
 *       title or footer across the page crosses the gutter, so it was cut off above or below
 *       before. But not where the first column is narrow (cells of a table, bullets, numbers): that
 *       is a grid, read row by row; and not where a wide gap across ends the columns (a header of
 *       two pieces above a column, a headline below columns, one table above the next).
 *   <li>At a wide gap across it.
 *   <li>At a gutter that a few lines bridge: two columns' lines that the detector took for one,
 *       each kept in the column that it starts in.
 *   <li>At the widest gap across it.
 * </ol>
 */
final class XyCut {

  private static final Comparator<Placed<?>> TOP_DOWN =
      Comparator.comparingInt((ToIntFunction<Placed<?>>) Placed::top)
          .thenComparingInt(Placed::left);

  private static final Comparator<Placed<?>> LEFT_TO_RIGHT =
      Comparator.comparingInt((ToIntFunction<Placed<?>>) Placed::left)
          .thenComparingInt(Placed::top);

  /** The share of a region's lines that may bridge a gutter, the gutter still being one. */
  private static final double MAX_BRIDGING_SHARE = 0.1;

  /** Columns narrower than this many line heights hold cells, bullets or numbers, not prose. */
  private static final double MIN_TEXT_COLUMN_WIDTH = 8;

  /**
   * A gap across a region at least this many line heights high separates its parts (a heading, a
   * footer, sections) and is cut before a gutter that lines bridge.
   */
  private static final double MIN_SEPARATING_GAP = 0.5;

  private final double lineHeight;

  /**
   * @param lineHeight the page's typical line height in pixels, the unit of the cuts' thresholds
   */
  XyCut(double lineHeight) {
    this.lineHeight = lineHeight;
  }

  <L> List<Placed<L>> order(List<Placed<L>> lines) {
    List<Placed<L>> ordered = new ArrayList<>();
    cut(lines, ordered);
    return ordered;
  }

  private <L> void cut(List<Placed<L>> region, List<Placed<L>> ordered) {
    List<List<Placed<L>>> parts = region.size() <= 1 ? List.of(region) : parts(region);
    if (parts.size() == 1) {
      ordered.addAll(rows(region));
      return;
    }
    for (List<Placed<L>> part : parts) {
      cut(part, ordered);
    }
  }

  /** The region split once, in reading order; the region alone when nothing cuts it. */
  private <L> List<List<Placed<L>>> parts(List<Placed<L>> region) {
    List<List<Placed<L>>> columns = Gutters.columns(region, 0);
    Optional<Gap> across = widestGapAcross(region);
    if (columns.size() > 1 && isGrid(columns)) {
      return across.map(gap -> bands(region, gap)).orElse(List.of(region));
    }
    if (columns.size() > 1) {
      boolean sectionsFirst =
          across.isPresent() && separates(across.get()) && !isTextColumns(columns, across.get());
      return sectionsFirst ? bands(region, across.get()) : columns;
    }
    if (across.isPresent() && separates(across.get())) {
      return bands(region, across.get());
    }
    int bridging = (int) (MAX_BRIDGING_SHARE * region.size());
    List<List<Placed<L>>> bridged = bridging > 0 ? Gutters.columns(region, bridging) : columns;
    if (bridged.size() > 1) {
      return bridged;
    }
    return across.map(gap -> bands(region, gap)).orElse(List.of(region));
  }

  private boolean separates(Gap across) {
    return across.width() >= MIN_SEPARATING_GAP * lineHeight;
  }

  /**
   * Whether the columns are cells of a grid, read row by row: the first one narrow, as are bullets,
   * numbers and labels before what they mark, and the cells of most tables. A table whose first
   * column is wide, of names or descriptions, is read column by column, as pdftotext reads it.
   */
  private <L> boolean isGrid(List<List<Placed<L>>> columns) {
    return isNarrow(columns.get(0));
  }

  /**
   * Whether the columns are wide columns of text that go on below the gap across them, the gap no
   * higher than the gutters between them are wide: a gap in both at once, not the end of them.
   */
  private <L> boolean isTextColumns(List<List<Placed<L>>> columns, Gap across) {
    boolean goOn =
        columns.stream()
            .allMatch(
                column ->
                    !isNarrow(column)
                        && column.stream().anyMatch(line -> line.bottom() <= across.from())
                        && column.stream().anyMatch(line -> line.top() >= across.to()));
    return goOn && across.width() <= narrowestGutter(columns);
  }

  /** The least distance between where lines of a column typically end and the next begin. */
  private static <L> int narrowestGutter(List<List<Placed<L>>> columns) {
    int narrowest = Integer.MAX_VALUE;
    for (int i = 1; i < columns.size(); i++) {
      int end = median(columns.get(i - 1), Placed::right);
      int start = median(columns.get(i), Placed::left);
      narrowest = Math.min(narrowest, start - end);
    }
    return narrowest;
  }

  private static <L> int median(List<Placed<L>> lines, ToIntFunction<Placed<L>> edge) {
    int[] edges = lines.stream().mapToInt(edge).sorted().toArray();
    return edges[edges.length / 2];
  }

  private <L> boolean isNarrow(List<Placed<L>> column) {
    return width(column) < MIN_TEXT_COLUMN_WIDTH * lineHeight;
  }

  private static <L> int width(List<Placed<L>> lines) {
    int left = lines.stream().mapToInt(Placed::left).min().orElse(0);
    int right = lines.stream().mapToInt(Placed::right).max().orElse(0);
    return right - left;
  }

  /** A strip across the region that no line reaches into, from {@code from} down to {@code to}. */
  private record Gap(double from, double to) {
    double width() {
      return to - from;
    }

    double middle() {
      return (from + to) / 2;
    }
  }

  /** The widest horizontal strip that no line of the region reaches into, if any. */
  private static <L> Optional<Gap> widestGapAcross(List<Placed<L>> region) {
    List<Placed<L>> byTop = new ArrayList<>(region);
    byTop.sort(TOP_DOWN);
    Gap widest = null;
    int bottom = byTop.get(0).bottom();
    for (Placed<L> line : byTop) {
      if (line.top() > bottom && (widest == null || line.top() - bottom > widest.width())) {
        widest = new Gap(bottom, line.top());
      }
      bottom = Math.max(bottom, line.bottom());
    }
    return Optional.ofNullable(widest);
  }

  /** The region cut at {@code gap}: the lines above it, then those below. */
  private static <L> List<List<Placed<L>>> bands(List<Placed<L>> region, Gap gap) {
    List<Placed<L>> above = new ArrayList<>();
    List<Placed<L>> below = new ArrayList<>();
    for (Placed<L> line : region) {
      (line.top() < gap.middle() ? above : below).add(line);
    }
    return List.of(above, below);
  }

  /** Lines that no cut separates, row by row from the top, each row left to right. */
  private static <L> List<Placed<L>> rows(List<Placed<L>> region) {
    List<Placed<L>> byTop = new ArrayList<>(region);
    byTop.sort(TOP_DOWN);
    List<List<Placed<L>>> rows = new ArrayList<>();
    for (Placed<L> line : byTop) {
      List<Placed<L>> row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      if (row != null && row.stream().anyMatch(line::sameRow)) {
        row.add(line);
      } else {
        rows.add(new ArrayList<>(List.of(line)));
      }
    }
    List<Placed<L>> ordered = new ArrayList<>();
    for (List<Placed<L>> row : rows) {
      row.sort(LEFT_TO_RIGHT);
      ordered.addAll(row);
    }
    return ordered;
  }
}
