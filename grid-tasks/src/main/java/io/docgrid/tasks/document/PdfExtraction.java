package io.docgrid.tasks.document;

import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.encryption.PublicKeySecurityHandler;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A PDF page by page: the text layer through PDFBox, and, where the OCR mode asks for it, the page
 * rendered to an image and handed to a {@link PageRecognizer}.
 */
final class PdfExtraction {

  private static final int MAX_FORM_DEPTH = 8;

  private final ExtractionLimits limits;

  PdfExtraction(ExtractionLimits limits) {
    this.limits = limits;
  }

  /**
   * Opens the PDF once: counts its pages against the limits, then reads the selected pages, or,
   * when they are more than {@code scope} takes on, returns only the document's facts.
   */
  ExtractionResult extract(
      Path file,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget,
      ExtractionScope scope)
      throws DocumentProcessingException, IOException {
    // Opened outside the handlers below: a missing or unreadable file is an IOException of ours,
    // not a corrupt document. The buffered file reads on demand rather than loading it whole.
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file)) {
      try (PDDocument document = Loader.loadPDF(source, passwordOf(options))) {
        document.setResourceCache(new DocumentResourceCache());
        return read(document, options, recognizer, budget, scope);
      } catch (InvalidPasswordException e) {
        throw DocumentErrors.pdfEncrypted(options.password() != null, e);
      } catch (DocumentProcessingException e) {
        throw e;
      } catch (IOException e) {
        // Certificate-encrypted PDFs (Adobe.PubSec) fail with a plain IOException from their
        // security handler, since we hold no key store; they are encrypted, not damaged.
        if (thrownByCertificateDecryption(e)) {
          throw DocumentErrors.pdfEncrypted(false, e);
        }
        throw DocumentErrors.corrupt("The PDF", e);
      } catch (RuntimeException e) {
        // PDFBox meets malformed files with unchecked exceptions too (casts, bad indexes).
        throw DocumentErrors.corrupt("The PDF", e);
      } catch (StackOverflowError e) {
        // Deeply nested or cyclic object trees, a known way to attack PDF readers.
        throw DocumentErrors.tooComplex(limits, e);
      }
    }
  }

  private ExtractionResult read(
      PDDocument document,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget,
      ExtractionScope scope)
      throws IOException, DocumentProcessingException {
    int pageCount = document.getNumberOfPages();
    int maxPages = Math.min(limits.maxPages(), scope.maxPages());
    if (pageCount > maxPages) {
      throw DocumentErrors.tooManyPages(pageCount, maxPages);
    }
    List<Integer> selected = options.pages().pagesOf(pageCount);
    if (scope.countsOnly()) {
      return new DocumentFacts(
          SupportedMediaTypes.PDF.toString(),
          pageCount,
          selected.size(),
          document.isEncrypted(),
          pagesToOcr(document, selected, options, budget));
    }
    if (selected.size() > scope.wholeUpTo()) {
      return new DocumentFacts(
          SupportedMediaTypes.PDF.toString(), pageCount, selected.size(), document.isEncrypted());
    }
    // An encrypted document that loaded has an empty user password and only an owner password,
    // whose permissions ("no copying" and the like) address viewers. PDFBox 3's text stripper
    // does not enforce them, so such PDFs extract like any other, without removing the security.
    Map<Integer, TextLayers.Layer> layers = TextLayers.read(document, selected, budget);
    List<PageText> pages = new ArrayList<>();
    long characters = 0;
    for (int number : selected) {
      TextLayers.Layer layer = layers.get(number);
      PageText result;
      if (layer.hasFailed()) {
        result = layer.failure();
      } else if (budget.documentExpired()) {
        result = TimeBudget.expired(number);
      } else {
        result = pageOrFailure(document, number, layer, options, recognizer, budget);
      }
      characters += result.text().length();
      if (characters > limits.maxCharacters()) {
        throw DocumentErrors.tooComplex(limits, null);
      }
      pages.add(result);
    }
    return new ExtractedDocument(
        SupportedMediaTypes.PDF.toString(),
        pageCount,
        metadata(document),
        pages,
        document.isEncrypted());
  }

  /**
   * The selected pages the OCR mode would send to OCR, decided as {@link #page} decides: from the
   * text layers, which are read, without rendering or recognising anything.
   */
  private static int pagesToOcr(
      PDDocument document, List<Integer> selected, ProcessingOptions options, TimeBudget budget)
      throws IOException {
    if (options.ocr() != OcrMode.AUTO) {
      return options.ocr() == OcrMode.FORCE ? selected.size() : 0;
    }
    Map<Integer, TextLayers.Layer> layers = TextLayers.read(document, selected, budget);
    int count = 0;
    for (int number : selected) {
      TextLayers.Layer layer = layers.get(number);
      if (!layer.hasFailed()
          && needsOcr(options.ocr(), layer.text(), document.getPage(number - 1))) {
        count++;
      }
    }
    return count;
  }

  /** The page from its text layer, OCRed where the mode asks for it; a failure fails it alone. */
  private PageText pageOrFailure(
      PDDocument document,
      int number,
      TextLayers.Layer layer,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget)
      throws DocumentProcessingException {
    try {
      return page(document, number, layer, options, recognizer, budget);
    } catch (IOException | RuntimeException e) {
      // A broken image spoils its page, not the whole document.
      return DocumentErrors.unreadablePage(number);
    } catch (StackOverflowError e) {
      return DocumentErrors.tooDeeplyNestedPage(number);
    } catch (DocumentProcessingException e) {
      if (e.code() == DocumentErrorCode.OCR_LANGUAGE_UNAVAILABLE) {
        throw e; // a problem of the request, the same for every page
      }
      return PageText.failed(number, e.code(), e.getMessage());
    }
  }

  private PageText page(
      PDDocument document,
      int number,
      TextLayers.Layer layer,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget)
      throws IOException, DocumentProcessingException {
    String text = layer.text();
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put(Stage.TEXT_LAYER.wireName(), layer.millis());
    PDPage page = document.getPage(number - 1);
    if (!needsOcr(options.ocr(), text, page)) {
      return new PageText(number, text, PageText.TEXT_LAYER, null, timings);
    }
    long renderStarted = System.nanoTime();
    int dpi = dpiWithinPixelBudget(page, options.dpi());
    BufferedImage image =
        new PDFRenderer(document).renderImageWithDPI(number - 1, dpi, ImageType.GRAY);
    timings.put(Stage.RENDER.wireName(), millisSince(renderStarted));
    PageText recognised = recognizer.recognise(number, image, dpi, budget.pageMillis());
    timings.putAll(recognised.timingsMillis());
    return new PageText(number, recognised.text(), recognised.source(), recognised.ocr(), timings);
  }

  private static boolean needsOcr(OcrMode mode, String textLayer, PDPage page) {
    return switch (mode) {
      case FORCE -> true;
      case OFF -> false;
      // A page without usable text but with pictures is a scan; one with neither is blank.
      case AUTO -> !TextLayerQuality.isUsable(textLayer) && hasImages(page.getResources(), 0);
    };
  }

  private static boolean hasImages(PDResources resources, int depth) {
    if (resources == null || depth > MAX_FORM_DEPTH) {
      return false;
    }
    for (COSName name : resources.getXObjectNames()) {
      try {
        PDXObject object = resources.getXObject(name);
        if (object instanceof PDImageXObject) {
          return true;
        }
        if (object instanceof PDFormXObject form && hasImages(form.getResources(), depth + 1)) {
          return true;
        }
      } catch (IOException damaged) {
        // An unreadable XObject may well be the scan: let OCR look at the rendering.
        return true;
      }
    }
    // Inline images live in the content stream, not the resources; assume any page that draws
    // something unreadable as text might hold one.
    return false;
  }

  /** The requested resolution, lowered for huge pages so that a rendering stays in budget. */
  private int dpiWithinPixelBudget(PDPage page, int dpi) {
    PDRectangle box = page.getCropBox();
    double widthInches = Math.max(box.getWidth(), 1) / 72.0;
    double heightInches = Math.max(box.getHeight(), 1) / 72.0;
    double pixels = widthInches * dpi * heightInches * dpi;
    if (pixels <= limits.maxPixels()) {
      return dpi;
    }
    int reduced = (int) Math.floor(Math.sqrt(limits.maxPixels() / (widthInches * heightInches)));
    return Math.max(reduced, 1);
  }

  private static Map<String, String> metadata(PDDocument document) {
    PDDocumentInformation info = document.getDocumentInformation();
    return new DocumentMetadata()
        .put("title", info.getTitle())
        .put("author", info.getAuthor())
        .put("subject", info.getSubject())
        .put("keywords", info.getKeywords())
        .put("creator", info.getCreator())
        .put("producer", info.getProducer())
        .put("created", info.getCreationDate())
        .put("modified", info.getModificationDate())
        .put("language", document.getDocumentCatalog().getLanguage())
        .put("pdfVersion", String.valueOf(document.getVersion()))
        .toMap();
  }

  private static String passwordOf(ProcessingOptions options) {
    return options.password() == null ? "" : options.password();
  }

  private static boolean thrownByCertificateDecryption(IOException e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0
        && trace[0].getClassName().equals(PublicKeySecurityHandler.class.getName());
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
