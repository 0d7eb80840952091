package io.docgrid.tasks.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.mime.MediaType;

/**
 * Raster images page by page (one page per frame of a multi-page TIFF), each handed to a {@link
 * PageRecognizer}. Sizes are read from the header and checked before any pixel is decoded, so a
 * decompression bomb costs a few bytes of reading, not gigabytes of heap.
 */
final class ImageExtraction {

  private final ExtractionLimits limits;

  ImageExtraction(ExtractionLimits limits) {
    this.limits = limits;
  }

  ExtractedDocument extract(
      Path file,
      MediaType type,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget,
      int maxPages)
      throws DocumentProcessingException, IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = readerFor(input);
      try {
        reader.setInput(input, false, true);
        int frames = frameCount(reader, Math.min(maxPages, limits.maxPages()));
        List<PageText> pages = new ArrayList<>();
        for (int number : options.pages().pagesOf(frames)) {
          pages.add(
              budget.documentExpired()
                  ? TimeBudget.expired(number)
                  : pageOrFailure(reader, number, options, recognizer, budget));
        }
        return new ExtractedDocument(type.toString(), frames, Map.of(), pages);
      } catch (DocumentProcessingException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw DocumentErrors.corrupt("The image", e);
      } finally {
        reader.dispose();
      }
    }
  }

  /** One frame; a damaged or oversized frame fails alone, not the other pages. */
  private PageText pageOrFailure(
      ImageReader reader,
      int number,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget)
      throws DocumentProcessingException {
    try {
      return page(reader, number, options, recognizer, budget);
    } catch (DocumentProcessingException e) {
      if (e.code() == DocumentErrorCode.OCR_LANGUAGE_UNAVAILABLE) {
        throw e;
      }
      return PageText.failed(number, e.code(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      return PageText.failed(
          number,
          DocumentErrorCode.DOCUMENT_CORRUPT,
          "Page " + number + " of the image could not be read.");
    }
  }

  private PageText page(
      ImageReader reader,
      int number,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget)
      throws IOException, DocumentProcessingException {
    int index = number - 1;
    long width = reader.getWidth(index);
    long height = reader.getHeight(index);
    if (width * height > limits.maxPixels()) {
      throw DocumentErrors.imageTooLarge(width, height, limits);
    }
    long started = System.nanoTime();
    BufferedImage image = reader.read(index);
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put(Stage.DECODE.wireName(), (System.nanoTime() - started) / 1_000_000);
    PageText recognised = recognizer.recognise(number, image, options.dpi(), budget.pageMillis());
    timings.putAll(recognised.timingsMillis());
    return new PageText(number, recognised.text(), recognised.source(), recognised.ocr(), timings);
  }

  private static int frameCount(ImageReader reader, int maxPages)
      throws IOException, DocumentProcessingException {
    // TIFF readers can count frames only by walking them; cap the walk at the page limit.
    int frames = 0;
    while (true) {
      try {
        reader.getWidth(frames);
      } catch (IndexOutOfBoundsException end) {
        break;
      }
      frames++;
      if (frames > maxPages) {
        throw DocumentErrors.tooManyPages(frames, maxPages);
      }
    }
    if (frames == 0) {
      throw DocumentErrors.corrupt("The image", null);
    }
    return frames;
  }

  private static ImageReader readerFor(ImageInputStream input) throws DocumentProcessingException {
    if (input == null) {
      throw DocumentErrors.corrupt("The image", null);
    }
    Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
    if (!readers.hasNext()) {
      throw DocumentErrors.corrupt("The image", null);
    }
    return readers.next();
  }
}
