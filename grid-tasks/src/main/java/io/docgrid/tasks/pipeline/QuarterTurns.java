package io.docgrid.tasks.pipeline;

import io.docgrid.tasks.image.GrayImage;

/** Exact rotations by multiples of 90°, for pages scanned sideways or upside down. */
final class QuarterTurns {

  private QuarterTurns() {}

  /** {@code image} rotated clockwise by {@code degrees} (0, 90, 180 or 270). */
  static GrayImage clockwise(GrayImage image, int degrees) {
    int w = image.width();
    int h = image.height();
    byte[] in = image.pixels();
    switch (Math.floorMod(degrees, 360)) {
      case 0:
        return image;
      case 90:
        {
          byte[] out = new byte[in.length];
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              out[x * h + (h - 1 - y)] = in[y * w + x];
            }
          }
          return new GrayImage(h, w, out);
        }
      case 180:
        {
          byte[] out = new byte[in.length];
          for (int i = 0; i < in.length; i++) {
            out[in.length - 1 - i] = in[i];
          }
          return new GrayImage(w, h, out);
        }
      case 270:
        {
          byte[] out = new byte[in.length];
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              out[(w - 1 - x) * h + y] = in[y * w + x];
            }
          }
          return new GrayImage(h, w, out);
        }
      default:
        throw new IllegalArgumentException("not a quarter turn: " + degrees);
    }
  }
}
