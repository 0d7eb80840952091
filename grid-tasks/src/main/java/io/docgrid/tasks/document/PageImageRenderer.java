package io.docgrid.tasks.document;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * One page of a document as an image of a given width, for people to look at beside its text: a PDF
 * page rendered by PDFBox at the resolution that gives the width, an image's frame (a TIFF's n-th)
 * decoded and scaled. Other types have no page images. The image's height follows the page's
 * proportions, within {@link #MAX_IMAGE_PIXELS}.
 */
public final class PageImageRenderer {

  /** The most pixels a page image is drawn with: 2000 wide by 8000 tall, 64 MB in memory. */
  static final long MAX_IMAGE_PIXELS = 16_000_000L;

  private static final float JPEG_QUALITY = 0.85f;

  private final ExtractionLimits limits;

  public PageImageRenderer() {
    this(ExtractionLimits.DEFAULTS);
  }

  PageImageRenderer(ExtractionLimits limits) {
    this.limits = limits;
  }

  /**
   * Page {@code number} (1-based) of {@code file}, a document of {@code mediaType}, {@code width}
   * pixels wide, encoded as {@code format}.
   *
   * @throws DocumentProcessingException {@link DocumentErrorCode#PAGE_NOT_FOUND} past the last
   *     page; {@link DocumentErrorCode#UNSUPPORTED_MEDIA_TYPE} for a type without page images; or
   *     why the document cannot be read, as extraction says it
   * @throws IOException when the file itself cannot be read
   */
  public byte[] render(Path file, String mediaType, int number, int width, PageImageFormat format)
      throws DocumentProcessingException, IOException {
    BufferedImage page;
    if (mediaType.equals(SupportedMediaTypes.PDF.toString())) {
      page = pdfPage(file, number, width);
    } else if (mediaType.startsWith("image/")) {
      page = imageFrame(file, number, width);
    } else {
      throw DocumentErrors.unsupported(mediaType);
    }
    return encode(page, format);
  }

  private BufferedImage pdfPage(Path file, int number, int width)
      throws DocumentProcessingException, IOException {
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file)) {
      try (PDDocument document = Loader.loadPDF(source, "")) {
        document.setResourceCache(new DocumentResourceCache());
        if (number > document.getNumberOfPages()) {
          throw pageNotFound(number, ", which has " + document.getNumberOfPages() + " pages");
        }
        PDPage page = document.getPage(number - 1);
        PDRectangle box = page.getCropBox();
        boolean sideways = page.getRotation() == 90 || page.getRotation() == 270;
        float widthPoints = Math.max(sideways ? box.getHeight() : box.getWidth(), 1);
        float heightPoints = Math.max(sideways ? box.getWidth() : box.getHeight(), 1);
        // A hair over: PDFBox floors the scaled width, which width / w * w may miss by a rounding
        // error; a hundred-thousandth is far above float's and far below a pixel of 2000.
        float scale = (float) (width * (1 + 1e-5) / widthPoints);
        requireWithinBudget(number, width, (long) Math.floor(heightPoints * scale));
        return new PDFRenderer(document).renderImage(number - 1, scale, ImageType.RGB);
      } catch (InvalidPasswordException e) {
        throw DocumentErrors.encrypted(
            "The PDF is password-protected and its password is not kept; its pages cannot be"
                + " shown.",
            e);
      } catch (DocumentProcessingException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw DocumentErrors.corrupt("The PDF", e);
      } catch (StackOverflowError e) {
        throw DocumentErrors.tooComplex(limits, e);
      }
    }
  }

  private BufferedImage imageFrame(Path file, int number, int width)
      throws DocumentProcessingException, IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = readerFor(input);
      try {
        reader.setInput(input, false, true);
        int index = number - 1;
        long sourceWidth;
        long sourceHeight;
        try {
          sourceWidth = reader.getWidth(index);
          sourceHeight = reader.getHeight(index);
        } catch (IndexOutOfBoundsException pastTheEnd) {
          throw pageNotFound(number, "");
        }
        // Checked from the header before any pixel is decoded, as extraction does.
        if (sourceWidth * sourceHeight > limits.maxPixels()) {
          throw DocumentErrors.imageTooLarge(sourceWidth, sourceHeight, limits);
        }
        int height = (int) Math.max(1, Math.round(sourceHeight * (double) width / sourceWidth));
        requireWithinBudget(number, width, height);
        // A frame many times wider than asked is read a pixel in every few, which spares the
        // memory of the rest; twice the width is kept, for the scaling to smooth.
        ImageReadParam sampling = reader.getDefaultReadParam();
        int period = (int) Math.max(1, sourceWidth / (2L * width));
        sampling.setSourceSubsampling(period, period, 0, 0);
        return scaled(reader.read(index, sampling), width, height);
      } catch (DocumentProcessingException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw DocumentErrors.corrupt("The image", e);
      } finally {
        reader.dispose();
      }
    }
  }

  private static ImageReader readerFor(ImageInputStream input) throws DocumentProcessingException {
    Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
    if (readers == null || !readers.hasNext()) {
      throw DocumentErrors.corrupt("The image", null);
    }
    return readers.next();
  }

  /**
   * {@code frame} at {@code width} × {@code height}: halved while it is over twice as wide, then
   * scaled bilinearly, since one bilinear step from far larger skips pixels and loses thin strokes.
   * A gray frame stays gray, which makes a scan's PNG about a third of the size.
   */
  private static BufferedImage scaled(BufferedImage frame, int width, int height) {
    int type =
        isGray(frame.getColorModel()) ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
    BufferedImage current = frame;
    while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= 1) {
      current = drawn(current, current.getWidth() / 2, current.getHeight() / 2, type);
    }
    return drawn(current, width, height, type);
  }

  private static boolean isGray(ColorModel model) {
    if (model.hasAlpha()) {
      return false;
    }
    if (model instanceof IndexColorModel palette) {
      for (int i = 0; i < palette.getMapSize(); i++) {
        int red = palette.getRed(i);
        if (red != palette.getGreen(i) || red != palette.getBlue(i)) {
          return false;
        }
      }
      return true;
    }
    return model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
  }

  /** {@code source} drawn at the size, on white: transparent pixels show as paper. */
  private static BufferedImage drawn(BufferedImage source, int width, int height, int type) {
    BufferedImage target = new BufferedImage(width, height, type);
    Graphics2D graphics = target.createGraphics();
    try {
      graphics.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, width, height);
      graphics.drawImage(source, 0, 0, width, height, null);
    } finally {
      graphics.dispose();
    }
    return target;
  }

  private static byte[] encode(BufferedImage image, PageImageFormat format) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format.imageIoName()).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam settings = writer.getDefaultWriteParam();
      BufferedImage written = image;
      if (format == PageImageFormat.JPEG) {
        settings.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        settings.setCompressionQuality(JPEG_QUALITY);
        if (image.getColorModel().hasAlpha()) {
          // JPEG has no alpha channel; ImageIO would write one that no viewer reads.
          written = drawn(image, image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        }
      }
      writer.write(null, new IIOImage(written, null, null), settings);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static void requireWithinBudget(int number, long width, long height)
      throws DocumentProcessingException {
    if (width * height > MAX_IMAGE_PIXELS) {
      throw new DocumentProcessingException(
          DocumentErrorCode.IMAGE_TOO_LARGE,
          "Page "
              + number
              + " at "
              + width
              + " pixels wide would be "
              + height
              + " pixels tall; page images have at most "
              + MAX_IMAGE_PIXELS
              + " pixels. Ask for a narrower one.",
          null);
    }
  }

  /** Past the end; {@code howMany} says how many pages there are, when that is known. */
  private static DocumentProcessingException pageNotFound(int number, String howMany) {
    return new DocumentProcessingException(
        DocumentErrorCode.PAGE_NOT_FOUND,
        "Page " + number + " is past the end of the document" + howMany + ".",
        null);
  }
}
