package io.docgrid.tasks.ocr;

import io.docgrid.tasks.image.GrayImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/** Known text drawn with Java2D, black on white, as a 300 dpi scan of 10 pt type would look. */
final class RenderedText {

  static final int DPI = 300;
  static final int MARGIN = 100;

  static final List<String> INVOICE =
      List.of(
          "The invoice dated 12 March 2024 lists 3 items, all in stock.",
          "Please pay the total of 1,234.56 euros by Friday (net 30 days).",
          "Our office is open from 9 a.m. to 5 p.m., Monday to Thursday.",
          "Call us on 020 7946 0958 if you have any questions; we reply quickly!",
          "Order number 4711 was shipped on 3 June and should arrive soon.");

  static final List<String> LETTER =
      List.of(
          "Dear Ms. Fisher, thank you for your letter of 7 October.",
          "We have checked the 2 meter readings you sent us.",
          "Your new monthly payment will be 48.50 pounds from November.",
          "Yours sincerely, the customer service team.");

  static final List<String> REPORT =
      List.of(
          "Quarterly report: sales rose by 15% to 2.3 million dollars.",
          "Costs fell slightly, mainly because of lower energy prices.",
          "The board expects growth of about 8% in the coming year.");

  private RenderedText() {}

  static BufferedImage render(List<String> lines) {
    Font font = new Font(Font.SERIF, Font.PLAIN, 40);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D probeGraphics = probe.createGraphics();
    FontMetrics metrics = probeGraphics.getFontMetrics(font);
    probeGraphics.dispose();
    int textWidth = lines.stream().mapToInt(metrics::stringWidth).max().orElse(0);
    int lineHeight = metrics.getHeight() * 3 / 2;

    BufferedImage image =
        new BufferedImage(
            textWidth + 2 * MARGIN,
            lineHeight * lines.size() + 2 * MARGIN,
            BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
    graphics.setColor(Color.BLACK);
    graphics.setFont(font);
    graphics.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    int baseline = MARGIN + metrics.getAscent();
    for (String line : lines) {
      graphics.drawString(line, MARGIN, baseline);
      baseline += lineHeight;
    }
    graphics.dispose();
    return image;
  }

  static GrayImage gray(List<String> lines) {
    return GrayImage.of(render(lines));
  }

  /** {@code image} turned clockwise by {@code degrees}, a multiple of 90. */
  static BufferedImage rotateClockwise(BufferedImage image, int degrees) {
    int quarterTurns = Math.floorMod(degrees / 90, 4);
    int width = image.getWidth();
    int height = image.getHeight();
    boolean sideways = quarterTurns % 2 == 1;
    BufferedImage rotated =
        new BufferedImage(
            sideways ? height : width, sideways ? width : height, BufferedImage.TYPE_BYTE_GRAY);
    AffineTransform transform = new AffineTransform();
    transform.translate(rotated.getWidth() / 2.0, rotated.getHeight() / 2.0);
    // Java2D's y axis points down, so a positive angle turns clockwise on screen.
    transform.quadrantRotate(quarterTurns);
    transform.translate(-width / 2.0, -height / 2.0);
    Graphics2D graphics = rotated.createGraphics();
    graphics.drawImage(image, transform, null);
    graphics.dispose();
    return rotated;
  }
}
