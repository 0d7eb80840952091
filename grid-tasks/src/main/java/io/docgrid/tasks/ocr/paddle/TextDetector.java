package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OrtException;
import io.docgrid.tasks.image.GrayImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.algorithm.MinimumAreaRectangle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * PP-OCRv4's DB text detection: the page, scaled so that its longer side is at most {@value
 * #LIMIT_SIDE} pixels and both sides are multiples of 32, gives a map of how likely each pixel is
 * text; its connected regions above {@value #BINARY_THRESHOLD} become line boxes. As PaddleOCR's
 * {@code DBPostProcess}: each region's smallest enclosing rectangle, kept when its mean probability
 * reaches {@value #BOX_THRESHOLD}, then grown by area × {@value #UNCLIP_RATIO} / perimeter (the
 * model predicts shrunken text kernels), and dropped when thinner than {@value #MIN_SIZE} pixels
 * before or {@value #MIN_SIZE} + 2 after growing.
 */
final class TextDetector {

  /**
   * PaddleOCR's default is 960, made for photos; a 300 dpi page scaled that far has text a few
   * pixels high, and lines ran together (CER 0.64 on a degraded manual page, 0.03 at 1600).
   */
  static final int LIMIT_SIDE = 1600;

  static final float BINARY_THRESHOLD = 0.3f;
  static final float BOX_THRESHOLD = 0.6f;
  static final double UNCLIP_RATIO = 1.5;
  static final int MIN_SIZE = 3;
  private static final int MAX_CANDIDATES = 1000;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  /** Pages are padded up to sides that are multiples of this, so that similar pages batch. */
  static final int SIZE_BUCKET = 64;

  private final PaddleInference inference;
  private final GeometryFactory geometry = new GeometryFactory();

  TextDetector(PaddleInference inference) {
    this.inference = inference;
  }

  /** The text lines on {@code page}, in no particular order. */
  List<LineBox> detect(GrayImage page) throws OrtException {
    double ratio = Math.min(1.0, (double) LIMIT_SIDE / Math.max(page.width(), page.height()));
    int width = multipleOf32(page.width() * ratio);
    int height = multipleOf32(page.height() * ratio);
    float[] probability = probabilityMap(page, width, height);
    return boxes(
        probability,
        width,
        height,
        (double) page.width() / width,
        (double) page.height() / height,
        page.width(),
        page.height());
  }

  /**
   * The model's map for the page scaled to {@code width} × {@code height}: the page goes in padded
   * with white to its size bucket, and the map comes back cut to the page.
   */
  private float[] probabilityMap(GrayImage page, int width, int height) throws OrtException {
    float[] gray = Resampling.bilinear(page, width, height);
    int paddedWidth = roundUp(width, SIZE_BUCKET);
    int paddedHeight = roundUp(height, SIZE_BUCKET);
    int plane = paddedWidth * paddedHeight;
    float[] input = new float[3 * plane];
    for (int channel = 0; channel < 3; channel++) {
      float mean = MEAN[channel];
      float std = STD[channel];
      int offset = channel * plane;
      Arrays.fill(input, offset, offset + plane, (1f - mean) / std);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          input[offset + y * paddedWidth + x] = (gray[y * width + x] / 255f - mean) / std;
        }
      }
    }
    float[] padded = inference.detect(input, paddedHeight, paddedWidth);
    float[] map = new float[width * height];
    for (int y = 0; y < height; y++) {
      System.arraycopy(padded, y * paddedWidth, map, y * width, width);
    }
    return map;
  }

  private List<LineBox> boxes(
      float[] probability,
      int width,
      int height,
      double scaleX,
      double scaleY,
      int pageWidth,
      int pageHeight) {
    List<LineBox> boxes = new ArrayList<>();
    boolean[] seen = new boolean[probability.length];
    int[] region = new int[probability.length];
    for (int start = 0; start < probability.length && boxes.size() < MAX_CANDIDATES; start++) {
      if (seen[start] || probability[start] <= BINARY_THRESHOLD) {
        continue;
      }
      int size = flood(probability, width, height, start, seen, region);
      LineBox box = box(probability, width, region, size, scaleX, scaleY, pageWidth, pageHeight);
      if (box != null) {
        boxes.add(box);
      }
    }
    return boxes;
  }

  /** The 8-connected region of text pixels around {@code start}, into {@code region}. */
  private static int flood(
      float[] probability, int width, int height, int start, boolean[] seen, int[] region) {
    int size = 0;
    region[size++] = start;
    seen[start] = true;
    for (int next = 0; next < size; next++) {
      int pixel = region[next];
      int x = pixel % width;
      int y = pixel / width;
      for (int dy = -1; dy <= 1; dy++) {
        int ny = y + dy;
        if (ny < 0 || ny >= height) {
          continue;
        }
        for (int dx = -1; dx <= 1; dx++) {
          int nx = x + dx;
          if (nx < 0 || nx >= width) {
            continue;
          }
          int neighbour = ny * width + nx;
          if (!seen[neighbour] && probability[neighbour] > BINARY_THRESHOLD) {
            seen[neighbour] = true;
            region[size++] = neighbour;
          }
        }
      }
    }
    return size;
  }

  private LineBox box(
      float[] probability,
      int width,
      int[] region,
      int size,
      double scaleX,
      double scaleY,
      int pageWidth,
      int pageHeight) {
    if (size < MIN_SIZE) {
      return null;
    }
    // The region's outline is its first and last pixel in each row: enough for the convex hull.
    int top = Integer.MAX_VALUE;
    int bottom = Integer.MIN_VALUE;
    double score = 0;
    for (int i = 0; i < size; i++) {
      int y = region[i] / width;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      score += probability[region[i]];
    }
    if (score / size < BOX_THRESHOLD) {
      return null;
    }
    int rows = bottom - top + 1;
    int[] first = new int[rows];
    int[] last = new int[rows];
    Arrays.fill(first, Integer.MAX_VALUE);
    Arrays.fill(last, Integer.MIN_VALUE);
    for (int i = 0; i < size; i++) {
      int x = region[i] % width;
      int row = region[i] / width - top;
      first[row] = Math.min(first[row], x);
      last[row] = Math.max(last[row], x);
    }
    List<Coordinate> outline = new ArrayList<>(2 * rows);
    for (int row = 0; row < rows; row++) {
      outline.add(new Coordinate(first[row], top + row));
      outline.add(new Coordinate(last[row], top + row));
    }
    Geometry hull =
        geometry.createMultiPointFromCoords(outline.toArray(Coordinate[]::new)).convexHull();
    Geometry kernel = MinimumAreaRectangle.getMinimumRectangle(hull);
    if (kernel.getDimension() < 2 || shorterSide(kernel) < MIN_SIZE) {
      return null;
    }
    double distance = kernel.getArea() * UNCLIP_RATIO / kernel.getLength();
    Geometry grown = MinimumAreaRectangle.getMinimumRectangle(kernel.buffer(distance));
    if (grown.getDimension() < 2 || shorterSide(grown) < MIN_SIZE + 2) {
      return null;
    }
    return lineBox(grown.getCoordinates(), scaleX, scaleY, pageWidth, pageHeight);
  }

  private static double shorterSide(Geometry rectangle) {
    Coordinate[] corners = rectangle.getCoordinates();
    return Math.min(corners[0].distance(corners[1]), corners[1].distance(corners[2]));
  }

  /**
   * The rectangle with corners {@code corners} (closed ring, map pixels) in page pixels, read along
   * whichever side is closer to horizontal, left to right; PaddleOCR turns crops that end up at
   * least 1.5 times taller than wide, as vertical text.
   */
  private static LineBox lineBox(
      Coordinate[] corners, double scaleX, double scaleY, int pageWidth, int pageHeight) {
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int i = 0; i < 4; i++) {
      xs[i] = clamp(corners[i].x * scaleX, pageWidth);
      ys[i] = clamp(corners[i].y * scaleY, pageHeight);
    }
    double ax = xs[1] - xs[0];
    double ay = ys[1] - ys[0];
    double bx = xs[2] - xs[1];
    double by = ys[2] - ys[1];
    if (Math.abs(bx) > Math.abs(ax)) {
      double swapX = ax;
      double swapY = ay;
      ax = bx;
      ay = by;
      bx = swapX;
      by = swapY;
    }
    if (ax < 0) {
      ax = -ax;
      ay = -ay;
    }
    double along = Math.hypot(ax, ay);
    double across = Math.hypot(bx, by);
    if (along == 0 || across == 0) {
      return null;
    }
    double ux = ax / along;
    double uy = ay / along;
    // The first corner is where the text starts: least far along and least far across.
    int origin = 0;
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      double rank = xs[i] * ux + ys[i] * uy + (-xs[i] * uy + ys[i] * ux);
      if (rank < best) {
        best = rank;
        origin = i;
      }
    }
    LineBox box = new LineBox(xs[origin], ys[origin], ux, uy, along, across);
    return across / along >= 1.5 ? box.turnedQuarter() : box;
  }

  private static double clamp(double value, int limit) {
    return Math.max(0, Math.min(limit, value));
  }

  private static int roundUp(int side, int step) {
    return (side + step - 1) / step * step;
  }

  private static int multipleOf32(double side) {
    return Math.max(32, (int) Math.round(side / 32) * 32);
  }
}
