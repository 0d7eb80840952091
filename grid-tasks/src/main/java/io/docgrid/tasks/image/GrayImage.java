package io.docgrid.tasks.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit grayscale raster, row-major, 0 = black and 255 = white. The common currency of the
 * preprocessing stages and OCR: immutable by convention (stages return new images), so that the CPU
 * and CUDA backends can be compared on exactly the same input.
 */
public final class GrayImage {

  private final int width;
  private final int height;
  private final byte[] pixels;

  /** Wraps {@code pixels} (not copied): the caller hands over ownership. */
  public GrayImage(int width, int height, byte[] pixels) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image must have a positive size: " + width + "x" + height);
    }
    Objects.requireNonNull(pixels, "pixels");
    if (pixels.length != Math.multiplyExact(width, height)) {
      throw new IllegalArgumentException(
          "expected " + (long) width * height + " pixels, got " + pixels.length);
    }
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  public static GrayImage blank(int width, int height, int value) {
    byte[] pixels = new byte[Math.multiplyExact(width, height)];
    Arrays.fill(pixels, (byte) value);
    return new GrayImage(width, height, pixels);
  }

  /**
   * Converts any image to gray with the ITU-R BT.601 luma weights, in integer arithmetic so that
   * every backend computes the same value: {@code (299 R + 587 G + 114 B + 500) / 1000}.
   * Transparent pixels are composed over white.
   */
  public static GrayImage of(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] pixels = new byte[Math.multiplyExact(width, height)];
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      if (data.length == pixels.length) {
        System.arraycopy(data, 0, pixels, 0, pixels.length);
        return new GrayImage(width, height, pixels);
      }
    }
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        pixels[y * width + x] = (byte) luma(row[x]);
      }
    }
    return new GrayImage(width, height, pixels);
  }

  static int luma(int argb) {
    int alpha = (argb >>> 24) & 0xff;
    int r = (argb >> 16) & 0xff;
    int g = (argb >> 8) & 0xff;
    int b = argb & 0xff;
    int gray = (299 * r + 587 * g + 114 * b + 500) / 1000;
    // Compose over white: transparent areas of a scan or drawing are background, not ink.
    return (gray * alpha + 255 * (255 - alpha) + 127) / 255;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The value at (x, y), 0..255. */
  public int get(int x, int y) {
    return pixels[y * width + x] & 0xff;
  }

  /** The backing array, row-major; do not modify an image that others may hold. */
  public byte[] pixels() {
    return pixels;
  }

  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(pixels, 0, data, 0, pixels.length);
    return image;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GrayImage that
        && width == that.width
        && height == that.height
        && Arrays.equals(pixels, that.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "GrayImage[" + width + "x" + height + "]";
  }
}
