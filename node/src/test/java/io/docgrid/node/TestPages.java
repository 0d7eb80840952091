package io.docgrid.node;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Page images made by the tests: known text, rendered, turned and dirtied like a scan. */
final class TestPages {

  static final List<String> LINES =
      List.of(
          "Invoice 2026-117 for the quarterly maintenance contract.",
          "The total amount due is EUR 1,234.56 within thirty days.",
          "Please quote the reference number on every payment.",
          "Questions about this invoice go to the accounts office.",
          "Thank you for your business and your prompt payment.");

  private TestPages() {}

  static String text() {
    return String.join("\n", LINES);
  }

  /** An A4-wide page at 300 dpi with {@link #LINES}, turned clockwise by {@code degrees}. */
  static BufferedImage scan(double degrees, double noiseSigma, Random random) {
    int width = 2480;
    int height = 1400;
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setTransform(
        AffineTransform.getRotateInstance(Math.toRadians(degrees), width / 2.0, height / 2.0));
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 50));
    int y = 300;
    for (String line : LINES) {
      g.drawString(line, 250, y);
      y += 110;
    }
    g.dispose();
    if (noiseSigma > 0) {
      var raster = page.getRaster();
      for (int py = 0; py < height; py++) {
        for (int px = 0; px < width; px++) {
          int value =
              raster.getSample(px, py, 0) + (int) Math.round(random.nextGaussian() * noiseSigma);
          raster.setSample(px, py, 0, Math.max(0, Math.min(255, value)));
        }
      }
    }
    return page;
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A PDF whose pages are the images, drawn full-page at 300 dpi, with no text layer. */
  static byte[] scannedPdf(List<BufferedImage> images) throws IOException {
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
  static byte[] tiff(List<BufferedImage> frames) throws IOException {
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType("Deflate");
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        writer.writeToSequence(new javax.imageio.IIOImage(frame, null, null), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /**
   * Character error rate: edit distance over the reference length, whitespace runs as one space.
   */
  static double characterErrorRate(String reference, String recognised) {
    String a = reference.trim().replaceAll("\\s+", " ");
    String b = recognised.trim().replaceAll("\\s+", " ");
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return (double) previous[b.length()] / Math.max(1, a.length());
  }
}
