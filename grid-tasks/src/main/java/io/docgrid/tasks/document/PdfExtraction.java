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
import org.apache.pdfbox.text.PDFTextStripper;

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

  ExtractedDocument extract(
      Path file, ProcessingOptions options, PageRecognizer recognizer, TimeBudget budget)
      throws DocumentProcessingException, IOException {
    // Opened outside the handlers below: a missing or unreadable file is an IOException of ours,
    // not a corrupt document. The buffered file reads on demand rather than loading it whole.
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file)) {
      try (PDDocument document = Loader.loadPDF(source, passwordOf(options))) {
        return read(document, options, recognizer, budget);
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

  private ExtractedDocument read(
      PDDocument document, ProcessingOptions options, PageRecognizer recognizer, TimeBudget budget)
      throws IOException, DocumentProcessingException {
    int pageCount = document.getNumberOfPages();
    if (pageCount > limits.maxPages()) {
      throw DocumentErrors.tooManyPages(pageCount, limits);
    }
    // An encrypted document that loaded has an empty user password and only an owner password,
    // whose permissions ("no copying" and the like) address viewers. PDFBox 3's text stripper
    // does not enforce them, so such PDFs extract like any other, without removing the security.
    // One stripper per document: PDFTextStripper keeps state between calls and is not thread-safe.
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(false);
    List<PageText> pages = new ArrayList<>();
    long characters = 0;
    for (int number : options.pages().pagesOf(pageCount)) {
      if (budget.documentExpired()) {
        pages.add(TimeBudget.expired(number));
        continue;
      }
      PageText result;
      try {
        result = page(document, number, stripper, options, recognizer, budget);
      } catch (IOException | RuntimeException e) {
        // A broken content stream or image spoils its page, not the whole document.
        result =
            PageText.failed(
                number,
                DocumentErrorCode.DOCUMENT_CORRUPT,
                "Page " + number + " could not be read.");
      } catch (StackOverflowError e) {
        result =
            PageText.failed(
                number,
                DocumentErrorCode.DOCUMENT_TOO_COMPLEX,
                "Page " + number + " is nested too deeply.");
      } catch (DocumentProcessingException e) {
        if (e.code() == DocumentErrorCode.OCR_LANGUAGE_UNAVAILABLE) {
          throw e; // a problem of the request, the same for every page
        }
        result = PageText.failed(number, e.code(), e.getMessage());
      }
      characters += result.text().length();
      if (characters > limits.maxCharacters()) {
        throw DocumentErrors.tooComplex(limits, null);
      }
      pages.add(result);
    }
    return new ExtractedDocument(
        SupportedMediaTypes.PDF.toString(), pageCount, metadata(document), pages);
  }

  private PageText page(
      PDDocument document,
      int number,
      PDFTextStripper stripper,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget)
      throws IOException, DocumentProcessingException {
    long started = System.nanoTime();
    stripper.setStartPage(number);
    stripper.setEndPage(number);
    String text = TextExtractor.normalise(stripper.getText(document));
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("textLayer", millisSince(started));
    PDPage page = document.getPage(number - 1);
    if (!needsOcr(options.ocr(), text, page)) {
      return new PageText(number, text, PageText.TEXT_LAYER, null, timings);
    }
    long renderStarted = System.nanoTime();
    int dpi = dpiWithinPixelBudget(page, options.dpi());
    BufferedImage image =
        new PDFRenderer(document).renderImageWithDPI(number - 1, dpi, ImageType.GRAY);
    timings.put("render", millisSince(renderStarted));
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
