package io.docgrid.tasks.ocr.paddle;

import io.docgrid.tasks.image.GrayImage;

/** Bilinear sampling of a page, as OpenCV's {@code INTER_LINEAR} with replicated borders. */
final class Resampling {

  private Resampling() {}

  /** {@code page} scaled to {@code width} × {@code height}, gray values 0 to 255. */
  static float[] bilinear(GrayImage page, int width, int height) {
    float[] scaled = new float[width * height];
    double scaleX = (double) page.width() / width;
    double scaleY = (double) page.height() / height;
    for (int y = 0; y < height; y++) {
      double sourceY = (y + 0.5) * scaleY - 0.5;
      for (int x = 0; x < width; x++) {
        scaled[y * width + x] = sample(page, (x + 0.5) * scaleX - 0.5, sourceY);
      }
    }
    return scaled;
  }

  /**
   * The part of {@code page} under {@code line}, turned upright and scaled to {@code height} rows,
   * written as {@code (gray / 255 - 0.5) / 0.5} into the first {@code width} columns of a row-major
   * plane of {@code stride} columns at {@code offset} of {@code plane}.
   */
  static void line(
      GrayImage page, LineBox line, int width, int height, float[] plane, int offset, int stride) {
    double stepAlong = line.width() / width;
    double stepAcross = line.height() / height;
    for (int row = 0; row < height; row++) {
      double across = (row + 0.5) * stepAcross;
      for (int column = 0; column < width; column++) {
        double along = (column + 0.5) * stepAlong;
        float gray = sample(page, line.pageX(along, across) - 0.5, line.pageY(along, across) - 0.5);
        plane[offset + row * stride + column] = (gray / 255f - 0.5f) / 0.5f;
      }
    }
  }

  private static float sample(GrayImage page, double x, double y) {
    int width = page.width();
    int height = page.height();
    byte[] pixels = page.pixels();
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float fx = (float) (x - x0);
    float fy = (float) (y - y0);
    int left = Math.max(0, Math.min(width - 1, x0));
    int right = Math.max(0, Math.min(width - 1, x0 + 1));
    int top = Math.max(0, Math.min(height - 1, y0)) * width;
    int bottom = Math.max(0, Math.min(height - 1, y0 + 1)) * width;
    float upper = (pixels[top + left] & 0xff) * (1 - fx) + (pixels[top + right] & 0xff) * fx;
    float lower = (pixels[bottom + left] & 0xff) * (1 - fx) + (pixels[bottom + right] & 0xff) * fx;
    return upper * (1 - fy) + lower * fy;
  }
}
