package io.docgrid.tasks.ocr.paddle;

import java.awt.Rectangle;

/** A line and the upright box where it lies on the page, as reading order sees it. */
record Placed<L>(L line, Rectangle box) {

  int left() {
    return box.x;
  }

  int right() {
    return box.x + box.width;
  }

  int top() {
    return box.y;
  }

  int bottom() {
    return box.y + box.height;
  }

  int height() {
    return box.height;
  }

  /** How far this line and {@code other} overlap from top to bottom, in pixels; 0 if apart. */
  int verticalOverlap(Placed<?> other) {
    return Math.max(0, Math.min(bottom(), other.bottom()) - Math.max(top(), other.top()));
  }

  /** Whether this line lies beside {@code other}, sharing at least half the smaller height. */
  boolean sameRow(Placed<?> other) {
    return 2 * verticalOverlap(other) >= Math.min(height(), other.height());
  }
}
