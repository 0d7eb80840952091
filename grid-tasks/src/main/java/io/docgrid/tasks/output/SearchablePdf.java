package io.docgrid.tasks.output;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Makes a searchable PDF, as OCRmyPDF does: the original pages (a PDF's own pages, or each image
 * frame drawn full-page) with the OCRed words laid over them as invisible text, so that the page
 * looks unchanged but can be searched, selected and copied.
 */
public final class SearchablePdf {

  private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

  /** A PDF: its pages kept, invisible text added to the pages in {@code layers}. */
  public void fromPdf(Path pdf, String password, List<OcrLayer> layers, OutputStream out)
      throws IOException {
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(pdf);
        PDDocument document = Loader.loadPDF(source, password == null ? "" : password)) {
      // Rewriting an encrypted PDF needs the owner's permission; the copy is for reading.
      document.setAllSecurityToBeRemoved(true);
      for (OcrLayer layer : layers) {
        if (layer.pageNumber() < 1 || layer.pageNumber() > document.getNumberOfPages()) {
          continue;
        }
        PDPage page = document.getPage(layer.pageNumber() - 1);
        PDRectangle box = page.getCropBox();
        int widthPx = (int) Math.round(box.getWidth() * layer.dpi() / 72.0);
        int heightPx = (int) Math.round(box.getHeight() * layer.dpi() / 72.0);
        try (PDPageContentStream content =
            new PDPageContentStream(document, page, AppendMode.APPEND, true, true)) {
          writeWords(content, layer, widthPx, heightPx, box);
        }
      }
      document.save(out);
    }
  }

  /** An image (every frame of a TIFF): one page per frame, the OCR layer over it. */
  public void fromImage(Path image, List<OcrLayer> layers, int defaultDpi, OutputStream out)
      throws IOException {
    Map<Integer, OcrLayer> byPage =
        layers.stream().collect(Collectors.toMap(OcrLayer::pageNumber, Function.identity()));
    try (ImageInputStream input = ImageIO.createImageInputStream(image.toFile());
        PDDocument document = new PDDocument()) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw new IOException("no image reader for the document");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, false, true);
        for (int index = 0; ; index++) {
          BufferedImage frame;
          try {
            frame = reader.read(index);
          } catch (IndexOutOfBoundsException end) {
            break;
          }
          OcrLayer layer = byPage.get(index + 1);
          int dpi = layer == null ? defaultDpi : layer.dpi();
          PDRectangle box =
              new PDRectangle(frame.getWidth() * 72f / dpi, frame.getHeight() * 72f / dpi);
          PDPage page = new PDPage(box);
          document.addPage(page);
          PDImageXObject picture = LosslessFactory.createFromImage(document, frame);
          try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.drawImage(picture, 0, 0, box.getWidth(), box.getHeight());
            if (layer != null) {
              writeWords(content, layer, frame.getWidth(), frame.getHeight(), box);
            }
          }
        }
      } finally {
        reader.dispose();
      }
      document.save(out);
    }
  }

  private void writeWords(
      PDPageContentStream content, OcrLayer layer, int widthPx, int heightPx, PDRectangle box)
      throws IOException {
    double scale = 72.0 / layer.dpi();
    content.beginText();
    content.setRenderingMode(RenderingMode.NEITHER);
    for (OcrLayer.Word word : layer.words()) {
      String text = encodable(word.text());
      if (text.isBlank() || word.width() <= 0 || word.height() <= 0) {
        continue;
      }
      Point2D.Double centre =
          toOriginal(
              word.left() + word.width() / 2.0,
              word.top() + word.height() / 2.0,
              layer,
              widthPx,
              heightPx);
      boolean sideways = layer.rotation() == 90 || layer.rotation() == 270;
      double widthPt = (sideways ? word.height() : word.width()) * scale;
      double heightPt = (sideways ? word.width() : word.height()) * scale;
      float fontSize = (float) Math.max(1, heightPt);
      double textWidth = font.getStringWidth(text) / 1000.0 * fontSize;
      if (textWidth <= 0) {
        continue;
      }
      content.setFont(font, fontSize);
      content.setHorizontalScaling((float) (100 * widthPt / textWidth));
      double x = box.getLowerLeftX() + centre.x * scale - widthPt / 2;
      double baseline = box.getUpperRightY() - centre.y * scale - heightPt / 2;
      content.setTextMatrix(
          new org.apache.pdfbox.util.Matrix(1, 0, 0, 1, (float) x, (float) baseline));
      content.showText(text);
    }
    content.endText();
  }

  /**
   * Maps a point of the image OCR saw back onto the page: undo the deskew (the OCR image is the
   * upright page turned by -skew about its centre), then the quarter turn (the upright page is the
   * original turned clockwise by {@code rotation}).
   */
  static Point2D.Double toOriginal(double x, double y, OcrLayer layer, int widthPx, int heightPx) {
    boolean sideways = layer.rotation() == 90 || layer.rotation() == 270;
    double uprightWidth = sideways ? heightPx : widthPx;
    double uprightHeight = sideways ? widthPx : heightPx;
    double cx = uprightWidth / 2.0;
    double cy = uprightHeight / 2.0;
    double theta = Math.toRadians(layer.skewDegrees());
    // Turning back by +skew, counter-clockwise on screen (y grows downwards).
    double dx = x - cx;
    double dy = y - cy;
    double ux = cx + dx * Math.cos(theta) + dy * Math.sin(theta);
    double uy = cy - dx * Math.sin(theta) + dy * Math.cos(theta);
    return switch (layer.rotation()) {
      case 90 -> new Point2D.Double(uy, heightPx - ux);
      case 180 -> new Point2D.Double(widthPx - ux, heightPx - uy);
      case 270 -> new Point2D.Double(widthPx - uy, ux);
      default -> new Point2D.Double(ux, uy);
    };
  }

  /** Helvetica encodes WinAnsi only; anything else becomes '?' so the word keeps its length. */
  private String encodable(String text) {
    StringBuilder safe = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            codePoint -> {
              String character = new String(Character.toChars(codePoint));
              try {
                font.encode(character);
                safe.append(character);
              } catch (IOException | IllegalArgumentException notInFont) {
                safe.append('?');
              }
            });
    return safe.toString();
  }
}
