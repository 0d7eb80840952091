package io.docgrid.testkit;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Page images made by the tests: known text rendered with Java2D (8-bit gray, black Serif on
 * white), turned and dirtied like a scan, and packed as PNG, TIFF or image-only PDF.
 */
public final class TestPages {

  /** The width and height of {@link #text()}. */
  public static final int WIDTH = 2000;

  public static final int HEIGHT = 1400;

  /** Prose for the preprocessing tests: long lines that fill a page. */
  public static final List<String> PROSE =
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

  /** The invoice that {@link #scan} shows, for OCR checked end to end. */
  public static final List<String> INVOICE =
      List.of(
          "Invoice 2026-117 for the quarterly maintenance contract.",
          "The total amount due is EUR 1,234.56 within thirty days.",
          "Please quote the reference number on every payment.",
          "Questions about this invoice go to the accounts office.",
          "Thank you for your business and your prompt payment.");

  private TestPages() {}

  /** A straight page of {@link #WIDTH} × {@link #HEIGHT} with {@link #PROSE}. */
  public static BufferedImage text() {
    return text(WIDTH, HEIGHT, 36, PROSE);
  }

  /** A page with one short line of text in its middle. */
  public static BufferedImage singleShortLine() {
    return prose(WIDTH, HEIGHT, 36, List.of("Short line."), HEIGHT / 2);
  }

  /** {@code lines} from a seventh of the page down, at 1.5 line spacing. */
  public static BufferedImage text(int width, int height, int fontSize, List<String> lines) {
    return prose(width, height, fontSize, lines, height / 7);
  }

  /** An A4 page at 300 dpi filled with copies of {@link #PROSE}, paragraph after paragraph. */
  public static BufferedImage a4() {
    int width = 2480;
    int height = 3508;
    int fontSize = 42;
    int lineCount = (height - 2 * 300) / (fontSize * 3 / 2);
    List<String> lines =
        IntStream.range(0, lineCount).mapToObj(i -> PROSE.get(i % PROSE.size())).toList();
    return prose(width, height, fontSize, lines, 300);
  }

  /** {@link #INVOICE} as one text, a line each. */
  public static String invoiceText() {
    return String.join("\n", INVOICE);
  }

  /**
   * An A4-wide page at 300 dpi with the {@link #INVOICE}, its text turned clockwise by {@code
   * degrees}, with Gaussian noise of {@code noiseSigma} (none at 0).
   */
  public static BufferedImage scan(double degrees, double noiseSigma, Random random) {
    BufferedImage page = render(2480, 1400, 50, INVOICE, 250, 300, 110, degrees);
    return noiseSigma > 0 ? withNoise(page, noiseSigma, random) : page;
  }

  /**
   * Rotates with Java2D, independently of the code under test: counter-clockwise on screen for
   * positive degrees, white where the rotated page does not reach.
   */
  public static BufferedImage rotated(BufferedImage page, double degrees) {
    BufferedImage target = blank(page.getWidth(), page.getHeight());
    Graphics2D graphics = target.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, page.getWidth(), page.getHeight());
      graphics.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      // Java2D's positive angle turns +x towards +y, which is clockwise on a y-down screen.
      graphics.rotate(-Math.toRadians(degrees), page.getWidth() / 2.0, page.getHeight() / 2.0);
      graphics.drawImage(page, 0, 0, null);
    } finally {
      graphics.dispose();
    }
    return target;
  }

  /** A copy with rounded Gaussian noise of the given sigma added, clamped to 0..255. */
  public static BufferedImage withNoise(BufferedImage page, double sigma, Random random) {
    BufferedImage target = copy(page);
    WritableRaster raster = target.getRaster();
    for (int y = 0; y < target.getHeight(); y++) {
      for (int x = 0; x < target.getWidth(); x++) {
        long value = raster.getSample(x, y, 0) + Math.round(random.nextGaussian() * sigma);
        raster.setSample(x, y, 0, (int) Math.max(0, Math.min(255, value)));
      }
    }
    return target;
  }

  /**
   * The page with a left-to-right illumination gradient: background from 120 to 250, ink 30 levels
   * below the local background (antialiased edges in proportion).
   */
  public static BufferedImage unevenlyLit(BufferedImage text) {
    int width = text.getWidth();
    BufferedImage target = blank(width, text.getHeight());
    WritableRaster source = text.getRaster();
    WritableRaster raster = target.getRaster();
    for (int y = 0; y < text.getHeight(); y++) {
      for (int x = 0; x < width; x++) {
        int background = 120 + Math.round(130f * x / (width - 1));
        int ink = 255 - source.getSample(x, y, 0);
        raster.setSample(x, y, 0, background - Math.round(30f * ink / 255));
      }
    }
    return target;
  }

  /** An encoded image (PNG, JPEG, ...) read back; an error when it is not one. */
  public static BufferedImage decoded(byte[] encoded) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
    if (image == null) {
      throw new IOException("not an image ImageIO reads: " + encoded.length + " bytes");
    }
    return image;
  }

  /**
   * The share of the image's pixels darker than mid-gray: ink on paper. A page of text has a few
   * percent; a blank page none, a black one nearly all.
   */
  public static double darkShare(BufferedImage image) {
    long dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFF) < 128) {
          dark++;
        }
      }
    }
    return dark / (double) ((long) image.getWidth() * image.getHeight());
  }

  public static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A PDF whose pages are the images, drawn full-page at 300 dpi, with no text layer. */
  public static byte[] scannedPdf(List<BufferedImage> images) throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (BufferedImage image : images) {
        float width = image.getWidth() * 72f / 300f;
        float height = image.getHeight() * 72f / 300f;
        PDPage page = new PDPage(new PDRectangle(width, height));
        document.addPage(page);
        PDImageXObject picture = LosslessFactory.createFromImage(document, image);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.drawImage(picture, 0, 0, width, height);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  /** A multi-page TIFF, one frame per image, deflate-compressed. */
  public static byte[] tiff(List<BufferedImage> frames) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType("Deflate");
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        writer.writeToSequence(new IIOImage(frame, null, null), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** Prose a tenth of the width from the left edge, at 1.5 line spacing. */
  private static BufferedImage prose(
      int width, int height, int fontSize, List<String> lines, int firstBaseline) {
    return render(width, height, fontSize, lines, width / 10, firstBaseline, fontSize * 3 / 2, 0);
  }

  /** Black Serif {@code lines} on white, turned clockwise about the centre by {@code degrees}. */
  private static BufferedImage render(
      int width,
      int height,
      int fontSize,
      List<String> lines,
      int left,
      int firstBaseline,
      int lineHeight,
      double degrees) {
    BufferedImage image = blank(width, height);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, width, height);
      graphics.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      if (degrees != 0) {
        graphics.rotate(Math.toRadians(degrees), width / 2.0, height / 2.0);
      }
      graphics.setColor(Color.BLACK);
      graphics.setFont(new Font(Font.SERIF, Font.PLAIN, fontSize));
      for (int i = 0; i < lines.size(); i++) {
        graphics.drawString(lines.get(i), left, firstBaseline + i * lineHeight);
      }
    } finally {
      graphics.dispose();
    }
    return image;
  }

  private static BufferedImage blank(int width, int height) {
    return new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
  }

  private static BufferedImage copy(BufferedImage page) {
    BufferedImage copy = blank(page.getWidth(), page.getHeight());
    copy.setData(page.getRaster());
    return copy;
  }
}
