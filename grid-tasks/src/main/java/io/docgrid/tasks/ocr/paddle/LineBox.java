package io.docgrid.tasks.ocr.paddle;

import java.awt.Rectangle;

/**
 * A detected text line: a rectangle in page pixels that may be turned, given by its first corner,
 * the direction the text runs ({@code ux, uy}, a unit vector) and its size along and across that
 * direction. Across points 90 degrees clockwise of along, so an upright line starts top left.
 */
record LineBox(double x, double y, double ux, double uy, double width, double height) {

  /**
   * The page point {@code along} pixels into the line and {@code across} pixels down from its top.
   */
  double pageX(double along, double across) {
    return x + ux * along - uy * across;
  }

  double pageY(double along, double across) {
    return y + uy * along + ux * across;
  }

  /** The same rectangle read the other way round: for a line the classifier found upside down. */
  LineBox turnedHalf() {
    return new LineBox(pageX(width, height), pageY(width, height), -ux, -uy, width, height);
  }

  /** The same rectangle read along its other side, top to bottom: for a line of vertical text. */
  LineBox turnedQuarter() {
    return new LineBox(pageX(width, 0), pageY(width, 0), -uy, ux, height, width);
  }

  /** The upright box around the part of the line from {@code from} to {@code to} along it. */
  Rectangle bounds(double from, double to) {
    double left = Double.MAX_VALUE;
    double top = Double.MAX_VALUE;
    double right = -Double.MAX_VALUE;
    double bottom = -Double.MAX_VALUE;
    for (double along : new double[] {from, to}) {
      for (double across : new double[] {0, height}) {
        left = Math.min(left, pageX(along, across));
        right = Math.max(right, pageX(along, across));
        top = Math.min(top, pageY(along, across));
        bottom = Math.max(bottom, pageY(along, across));
      }
    }
    int x0 = (int) Math.floor(left);
    int y0 = (int) Math.floor(top);
    return new Rectangle(x0, y0, (int) Math.ceil(right) - x0, (int) Math.ceil(bottom) - y0);
  }

  Rectangle bounds() {
    return bounds(0, width);
  }
}
