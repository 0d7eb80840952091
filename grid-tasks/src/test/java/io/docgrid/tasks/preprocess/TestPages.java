package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/** Synthetic scanned pages: English text rendered with Java2D, rotated, with Gaussian noise. */
final class TestPages {

  static final int WIDTH = 2000;
  static final int HEIGHT = 1400;

  private static final List<String> LINES =
      List.of(
          "It was the best of times, it was the worst of times, it was the age",
          "of wisdom, it was the age of foolishness, it was the epoch of belief,",
          "it was the epoch of incredulity, it was the season of Light, it was the",
          "season of Darkness, it was the spring of hope, it was the winter of",
          "despair, we had everything before us, we had nothing before us, we were",
          "all going direct to Heaven, we were all going direct the other way; in",
          "short, the period was so far like the present period, that some of its",
          "noisiest authorities insisted on its being received, for good or for",
          "evil, in the superlative degree of comparison only. There were a king",
          "with a large jaw and a queen with a plain face, on the throne of",
          "England; there were a king with a large jaw and a queen with a fair",
          "face, on the throne of France. In both countries it was clearer than",
          "crystal to the lords of the State preserves of loaves and fishes, that",
          "things in general were settled for ever.");

  private TestPages() {}

  /** A straight page of {@link #WIDTH} × {@link #HEIGHT}: black Serif text on white. */
  static GrayImage text() {
    return text(WIDTH, HEIGHT, 36, LINES);
  }

  /** A page with one short line of text in its middle. */
  static GrayImage singleShortLine() {
    return text(WIDTH, HEIGHT, 36, List.of("Short line."), HEIGHT / 2);
  }

  static GrayImage text(int width, int height, int fontSize, List<String> lines) {
    return text(width, height, fontSize, lines, height / 7);
  }

  /** Fills the page with copies of the text lines, paragraph after paragraph, at 300 dpi size. */
  static GrayImage a4() {
    int width = 2480;
    int height = 3508;
    int fontSize = 42;
    int lineCount = (height - 2 * 300) / (fontSize * 3 / 2);
    List<String> lines =
        java.util.stream.IntStream.range(0, lineCount)
            .mapToObj(i -> LINES.get(i % LINES.size()))
            .toList();
    return text(width, height, fontSize, lines, 300);
  }

  private static GrayImage text(
      int width, int height, int fontSize, List<String> lines, int firstBaseline) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, width, height);
      graphics.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      graphics.setColor(Color.BLACK);
      graphics.setFont(new Font(Font.SERIF, Font.PLAIN, fontSize));
      int lineHeight = fontSize * 3 / 2;
      int left = width / 10;
      for (int i = 0; i < lines.size(); i++) {
        graphics.drawString(lines.get(i), left, firstBaseline + i * lineHeight);
      }
    } finally {
      graphics.dispose();
    }
    return GrayImage.of(image);
  }

  /**
   * Rotates with Java2D, independently of the code under test: counter-clockwise on screen for
   * positive degrees, white where the rotated page does not reach.
   */
  static GrayImage rotated(GrayImage page, double degrees) {
    BufferedImage target =
        new BufferedImage(page.width(), page.height(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D graphics = target.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, page.width(), page.height());
      graphics.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      // Java2D's positive angle turns +x towards +y, which is clockwise on a y-down screen.
      graphics.rotate(-Math.toRadians(degrees), page.width() / 2.0, page.height() / 2.0);
      graphics.drawImage(page.toBufferedImage(), 0, 0, null);
    } finally {
      graphics.dispose();
    }
    return GrayImage.of(target);
  }

  /** Adds rounded Gaussian noise of the given sigma, clamped to 0..255. */
  static GrayImage withNoise(GrayImage page, double sigma, Random random) {
    byte[] source = page.pixels();
    byte[] target = new byte[source.length];
    for (int i = 0; i < source.length; i++) {
      long value = Math.round((source[i] & 0xff) + random.nextGaussian() * sigma);
      target[i] = (byte) Math.max(0, Math.min(255, value));
    }
    return new GrayImage(page.width(), page.height(), target);
  }

  /**
   * The text page with a left-to-right illumination gradient: background from 120 to 250, ink 30
   * levels below the local background (antialiased edges in proportion).
   */
  static GrayImage unevenlyLit(GrayImage text) {
    int width = text.width();
    byte[] target = new byte[text.pixels().length];
    for (int y = 0; y < text.height(); y++) {
      for (int x = 0; x < width; x++) {
        int background = 120 + Math.round(130f * x / (width - 1));
        int ink = 255 - text.get(x, y);
        target[y * width + x] = (byte) (background - Math.round(30f * ink / 255));
      }
    }
    return new GrayImage(width, text.height(), target);
  }
}
