package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;

/** {@link Preprocessor#rotate}: inverse mapping, fixed-point bilinear, white outside. */
final class BilinearRotation {

  private static final int WHITE = 255;

  private BilinearRotation() {}

  static GrayImage rotate(GrayImage page, int sin, int cos) {
    int width = page.width();
    int height = page.height();
    byte[] source = page.pixels();
    byte[] target = new byte[source.length];
    for (int y = 0; y < height; y++) {
      long dy = 2L * y - (height - 1);
      long dx = -(width - 1L);
      long u = (width - 1L) * FixedPoint.ONE + dx * cos - dy * sin;
      long v = (height - 1L) * FixedPoint.ONE + dx * sin + dy * cos;
      // One step in x adds 2 to dx: exact integer increments, identical to the closed form.
      long du = 2L * cos;
      long dv = 2L * sin;
      int row = y * width;
      for (int x = 0; x < width; x++, u += du, v += dv) {
        target[row + x] = (byte) sample(source, width, height, u, v);
      }
    }
    return new GrayImage(width, height, target);
  }

  private static int sample(byte[] source, int width, int height, long u, long v) {
    long x0 = u >> 17;
    long y0 = v >> 17;
    if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) {
      return WHITE;
    }
    int fx = (int) (u >> 9) & 0xff;
    int fy = (int) (v >> 9) & 0xff;
    int x = (int) x0;
    int y = (int) y0;
    int topLeft = pixel(source, width, height, x, y);
    int topRight = pixel(source, width, height, x + 1, y);
    int bottomLeft = pixel(source, width, height, x, y + 1);
    int bottomRight = pixel(source, width, height, x + 1, y + 1);
    int top = topLeft * (256 - fx) + topRight * fx;
    int bottom = bottomLeft * (256 - fx) + bottomRight * fx;
    return (top * (256 - fy) + bottom * fy + 32768) >> 16;
  }

  private static int pixel(byte[] source, int width, int height, int x, int y) {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      return WHITE;
    }
    return source[y * width + x] & 0xff;
  }
}
