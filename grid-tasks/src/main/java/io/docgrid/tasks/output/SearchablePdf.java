package io.docgrid.tasks.output;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * Makes a searchable PDF, as OCRmyPDF does: the original pages (a PDF's own pages, or each image
 * frame drawn full-page) with the OCRed words laid over them as invisible text, so that the page
 * looks unchanged but can be searched, selected and copied.
 */
public final class SearchablePdf {

  /**
   * The searchable PDF of a stored document, written to {@code target}: a PDF keeps its pages, an
   * image becomes one page per frame at {@code imageDpi} where no layer says otherwise. A document
   * that cannot be opened fails with the reason a client can act on; an {@link IOException} is a
   * problem of the files, not of the document.
   */
  public void write(
      Path document, String mediaType, List<OcrLayer> layers, int imageDpi, Path target)
      throws DocumentProcessingException, IOException {
    try (OutputStream out = Files.newOutputStream(target)) {
      if (mediaType.equals("application/pdf")) {
        fromPdf(document, null, layers, out);
      } else {
        fromImage(document, layers, imageDpi, out);
      }
    } catch (InvalidPasswordException e) {
      throw new DocumentProcessingException(
          DocumentErrorCode.DOCUMENT_ENCRYPTED,
          "The PDF is password-protected and its password is not kept; a searchable copy cannot"
              + " be made.",
          null);
    } catch (RuntimeException e) {
      // The document was read once already, when its job ran; PDFBox and ImageIO meet what still
      // goes wrong with unchecked exceptions.
      throw new DocumentProcessingException(
          DocumentErrorCode.DOCUMENT_CORRUPT,
          "A searchable copy of the document could not be made; it may be damaged.",
          null);
    }
  }

  /** A PDF: its pages kept, invisible text added to the pages in {@code layers}. */
  public void fromPdf(Path pdf, String password, List<OcrLayer> layers, OutputStream out)
      throws IOException {
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(pdf);
        PDDocument document = Loader.loadPDF(source, password == null ? "" : password)) {
      // Rewriting an encrypted PDF needs the owner's permission; the copy is for reading.
      document.setAllSecurityToBeRemoved(true);
      InvisibleTextFont font = InvisibleTextFont.in(document);
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
          writeWords(content, font, layer, widthPx, heightPx, box);
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
        InvisibleTextFont font = InvisibleTextFont.in(document);
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
              writeWords(content, font, layer, frame.getWidth(), frame.getHeight(), box);
            }
          }
        }
      } finally {
        reader.dispose();
      }
      document.save(out);
    }
  }

  private static void writeWords(
      PDPageContentStream content,
      PDFont font,
      OcrLayer layer,
      int widthPx,
      int heightPx,
      PDRectangle box)
      throws IOException {
    PageGeometry page = new PageGeometry(layer, widthPx, heightPx, box);
    content.beginText();
    content.setRenderingMode(RenderingMode.NEITHER);
    for (List<OcrLayer.Word> line : lines(layer.words())) {
      writeLine(content, font, line, page);
    }
    content.endText();
  }

  /**
   * One line of words on one baseline, in one font size, each word followed by a space stretched to
   * the next word: PDF readers then see a line of text with spaces, as in the scan, rather than
   * loose words. The text runs along the line as OCR saw it, so it follows quarter turns and skew.
   */
  private static void writeLine(
      PDPageContentStream content, PDFont font, List<OcrLayer.Word> line, PageGeometry page)
      throws IOException {
    int top = line.stream().mapToInt(OcrLayer.Word::top).min().orElseThrow();
    int bottom = line.stream().mapToInt(word -> word.top() + word.height()).max().orElseThrow();
    double baseline = medianBottom(line);
    float fontSize = (float) Math.max(1, (bottom - top) * page.scale());
    content.setFont(font, fontSize);
    for (int i = 0; i < line.size(); i++) {
      OcrLayer.Word word = line.get(i);
      boolean last = i == line.size() - 1;
      String text = word.text() + (last ? "" : " ");
      int advancePx = last ? word.width() : line.get(i + 1).left() - word.left();
      if (advancePx <= 0) {
        advancePx = word.width();
      }
      double textWidth = font.getStringWidth(text) / 1000.0 * fontSize;
      if (textWidth <= 0) {
        continue;
      }
      content.setHorizontalScaling((float) (100 * advancePx * page.scale() / textWidth));
      content.setTextMatrix(page.textMatrixAt(word.left(), baseline));
      content.showText(text);
    }
  }

  /**
   * Words in Tesseract's reading order cut into lines: a word starts a new line when it begins left
   * of the word before it, or lies outside the line's height.
   */
  static List<List<OcrLayer.Word>> lines(List<OcrLayer.Word> words) {
    List<List<OcrLayer.Word>> lines = new ArrayList<>();
    List<OcrLayer.Word> line = new ArrayList<>();
    int lineTop = 0;
    int lineBottom = 0;
    for (OcrLayer.Word word : words) {
      if (word.text().isBlank() || word.width() <= 0 || word.height() <= 0) {
        continue;
      }
      double middle = word.top() + word.height() / 2.0;
      boolean continues =
          !line.isEmpty()
              && word.left() >= line.get(line.size() - 1).left()
              && middle >= lineTop
              && middle <= lineBottom;
      if (!continues && !line.isEmpty()) {
        lines.add(line);
        line = new ArrayList<>();
      }
      if (line.isEmpty()) {
        lineTop = word.top();
        lineBottom = word.top() + word.height();
      } else {
        lineTop = Math.min(lineTop, word.top());
        lineBottom = Math.max(lineBottom, word.top() + word.height());
      }
      line.add(word);
    }
    if (!line.isEmpty()) {
      lines.add(line);
    }
    return lines;
  }

  /** Most words of a line sit on its baseline; those with descenders reach below it. */
  private static double medianBottom(List<OcrLayer.Word> line) {
    int[] bottoms = line.stream().mapToInt(word -> word.top() + word.height()).sorted().toArray();
    return bottoms[(bottoms.length - 1) / 2];
  }

  /** Where the pixels of the image OCR saw lie on the PDF page, in points. */
  private record PageGeometry(OcrLayer layer, int widthPx, int heightPx, PDRectangle box) {

    double scale() {
      return 72.0 / layer.dpi();
    }

    /** Text starting at OCR pixel (x, y) and running rightwards in the OCR image. */
    Matrix textMatrixAt(double x, double y) {
      Point2D.Double origin = toOriginal(x, y, layer, widthPx, heightPx);
      Point2D.Double ahead = toOriginal(x + 100, y, layer, widthPx, heightPx);
      double length = Math.hypot(ahead.x - origin.x, ahead.y - origin.y);
      // Pixels grow downwards, PDF points upwards.
      double cos = (ahead.x - origin.x) / length;
      double sin = -(ahead.y - origin.y) / length;
      return new Matrix(
          (float) cos,
          (float) sin,
          (float) -sin,
          (float) cos,
          (float) (box.getLowerLeftX() + origin.x * scale()),
          (float) (box.getUpperRightY() - origin.y * scale()));
    }
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
}
