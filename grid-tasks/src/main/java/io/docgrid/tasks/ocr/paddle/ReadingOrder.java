package io.docgrid.tasks.ocr.paddle;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a page's lines in reading order: lines that follow each other closely and overlap
 * horizontally form a block (a column's paragraph), and blocks are ordered by recursive XY cuts,
 * columns before rows, so that a two-column page reads down the left column, then the right.
 */
final class ReadingOrder {

  /** A line joins a block when it starts at most this many of its heights below the block. */
  private static final double MAX_LINE_GAP = 1.0;

  private ReadingOrder() {}

  /** Lines grouped into blocks, both in reading order. */
  static <L> List<List<L>> blocks(List<L> lines, java.util.function.Function<L, Rectangle> bounds) {
    List<L> byTop = new ArrayList<>(lines);
    byTop.sort(
        Comparator.comparingInt((L line) -> bounds.apply(line).y)
            .thenComparingInt(line -> bounds.apply(line).x));
    List<Block<L>> blocks = new ArrayList<>();
    for (L line : byTop) {
      Rectangle box = bounds.apply(line);
      Block<L> joined = null;
      for (Block<L> block : blocks) {
        Rectangle last = bounds.apply(block.lines.get(block.lines.size() - 1));
        int gap = box.y - (last.y + last.height);
        boolean below = gap <= MAX_LINE_GAP * box.height && box.y > last.y + last.height / 2;
        boolean overlapping = box.x < last.x + last.width && last.x < box.x + box.width;
        if (below && overlapping && (joined == null || block.bounds.y > joined.bounds.y)) {
          joined = block;
        }
      }
      if (joined == null) {
        blocks.add(new Block<>(line, box));
      } else {
        joined.lines.add(line);
        joined.bounds.add(box);
      }
    }
    List<List<L>> ordered = new ArrayList<>();
    for (Block<L> block : cut(blocks)) {
      ordered.add(block.lines);
    }
    return ordered;
  }

  private static final class Block<L> {
    final List<L> lines = new ArrayList<>();
    final Rectangle bounds;

    Block(L first, Rectangle box) {
      lines.add(first);
      bounds = new Rectangle(box);
    }
  }

  /** Blocks in reading order: split at a vertical gap if any, else at horizontal gaps. */
  private static <L> List<Block<L>> cut(List<Block<L>> blocks) {
    if (blocks.size() <= 1) {
      return blocks;
    }
    List<List<Block<L>>> columns = split(blocks, true);
    List<List<Block<L>>> parts = columns.size() > 1 ? columns : split(blocks, false);
    if (parts.size() == 1) {
      List<Block<L>> rest = new ArrayList<>(blocks);
      rest.sort(
          Comparator.comparingInt((Block<L> block) -> block.bounds.y)
              .thenComparingInt(block -> block.bounds.x));
      return rest;
    }
    List<Block<L>> ordered = new ArrayList<>();
    for (List<Block<L>> part : parts) {
      ordered.addAll(cut(part));
    }
    return ordered;
  }

  /** The blocks in groups separated by gaps across the page (columns) or down it (rows). */
  private static <L> List<List<Block<L>>> split(List<Block<L>> blocks, boolean columns) {
    List<Block<L>> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparingInt(block -> start(block.bounds, columns)));
    List<List<Block<L>>> groups = new ArrayList<>();
    List<Block<L>> group = new ArrayList<>();
    int reach = Integer.MIN_VALUE;
    for (Block<L> block : sorted) {
      if (!group.isEmpty() && start(block.bounds, columns) >= reach) {
        groups.add(group);
        group = new ArrayList<>();
      }
      group.add(block);
      reach = Math.max(reach, start(block.bounds, columns) + size(block.bounds, columns));
    }
    groups.add(group);
    return groups;
  }

  private static int start(Rectangle box, boolean columns) {
    return columns ? box.x : box.y;
  }

  private static int size(Rectangle box, boolean columns) {
    return columns ? box.width : box.height;
  }
}
