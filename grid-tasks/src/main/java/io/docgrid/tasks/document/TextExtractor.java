package io.docgrid.tasks.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.FileTooLongException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.OfficeOpenXMLExtended;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts the text of a document, page by page for PDFs and as one page for everything else.
 * Thread-safe; build one and share it, since setting up Tika's parsers takes about a second.
 */
public final class TextExtractor {

  private static final Logger LOG = LoggerFactory.getLogger(TextExtractor.class);

  private final AutoDetectParser tika;
  private final DocumentTypeDetector detector = new DocumentTypeDetector();
  private final SupportedMediaTypes supported;
  private final ExtractionLimits limits;
  private final PdfExtraction pdf;
  private final ImageExtraction images;
  private final OfficePackageGuard officePackages = new OfficePackageGuard();

  public TextExtractor() {
    this(ExtractionLimits.DEFAULTS);
  }

  public TextExtractor(ExtractionLimits limits) {
    this.tika = new AutoDetectParser();
    this.supported = new SupportedMediaTypes(tika.getMediaTypeRegistry());
    this.limits = limits;
    this.pdf = new PdfExtraction(limits);
    this.images = new ImageExtraction(limits);
  }

  /** With a different text limit, so that tests can reach it without a 50-million-char file. */
  TextExtractor(int maxCharacters) {
    this(
        new ExtractionLimits(
            ExtractionLimits.DEFAULTS.maxPages(),
            ExtractionLimits.DEFAULTS.maxPixels(),
            maxCharacters));
  }

  /**
   * The text layers only, every page, no OCR: {@link #extract(Path, String, ProcessingOptions,
   * PageRecognizer)} with OCR off.
   */
  public ExtractedDocument extract(Path file, String mediaType)
      throws DocumentProcessingException, IOException {
    return extract(
        file, mediaType, ProcessingOptions.TEXT_ONLY, PageRecognizer.NONE, TimeBudget.UNLIMITED);
  }

  /**
   * Extracts the text of {@code file}, whose type {@code mediaType} was detected from its content
   * (see {@link DocumentTypeDetector#detect}). PDFs come back page by page, with the pages the
   * options select and OCR where their mode asks for it; images page by page (TIFF frames), always
   * through {@code recognizer}; presentations slide by slide and spreadsheets sheet by sheet, with
   * the pages the options select; everything else as one page.
   *
   * @throws DocumentProcessingException when the document is of an unsupported type, encrypted,
   *     damaged or beyond the limits; its message is safe to show to clients
   * @throws IOException when the file itself cannot be read, which is our fault, not the client's
   */
  public ExtractedDocument extract(
      Path file,
      String mediaType,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget)
      throws DocumentProcessingException, IOException {
    return (ExtractedDocument)
        extract(file, mediaType, options, recognizer, budget, ExtractionScope.EVERYTHING);
  }

  /**
   * Like {@link #extract(Path, String, ProcessingOptions, PageRecognizer, TimeBudget)}, within
   * {@code scope}: a document longer than the scope's page limit fails before any page is read, and
   * a PDF with more selected pages than the scope reads comes back as its {@link DocumentFacts}
   * only. A zip or OLE2 package's real type is found first (a DOCX, say); a package that holds no
   * supported document fails as unsupported without being parsed.
   */
  public ExtractionResult extract(
      Path file,
      String mediaType,
      ProcessingOptions options,
      PageRecognizer recognizer,
      TimeBudget budget,
      ExtractionScope scope)
      throws DocumentProcessingException, IOException {
    String refined = supported.isPackage(mediaType) ? detector.detect(file) : mediaType;
    MediaType type = supported.find(refined).orElseThrow(() -> DocumentErrors.unsupported(refined));
    int maxPages = Math.min(limits.maxPages(), scope.maxPages());
    if (type.equals(SupportedMediaTypes.PDF)) {
      return pdf.extract(file, options, recognizer, budget, scope);
    }
    if (SupportedMediaTypes.IMAGES.contains(type)) {
      PageRecognizer images =
          options.ocr() == ProcessingOptions.OcrMode.OFF ? PageRecognizer.NONE : recognizer;
      return this.images.extract(file, type, options, images, budget, maxPages);
    }
    return extractWithTika(file, type, options.pages(), maxPages);
  }

  private ExtractedDocument extractWithTika(
      Path file, MediaType type, PageSelection selection, int maxPages)
      throws DocumentProcessingException, IOException {
    if (OfficePackageGuard.applies(type.toString())) {
      try {
        officePackages.check(file);
      } catch (OfficePackageGuard.PackageTooLargeException e) {
        throw DocumentErrors.tooComplex(limits, e);
      }
    }
    PagedContentHandler pages = new PagedContentHandler(limits.maxCharacters());
    Metadata metadata = new Metadata();
    ParseContext context = TikaSettings.parseContext();
    // Embedded documents (attachments, pictures, OLE objects) are skipped: their images would need
    // OCR, which does not exist yet, and each one is another parser run against the limits.
    context.set(EmbeddedDocumentExtractor.class, new SkipEmbeddedDocuments());
    try (TikaInputStream stream = TikaInputStream.get(file)) {
      try {
        tika.parse(
            stream,
            new BodyContentHandler(new WriteOutContentHandler(pages, limits.maxCharacters())),
            metadata,
            context);
      } catch (IOException | SAXException | TikaException | RuntimeException e) {
        throw translateTikaFailure(e);
      } catch (StackOverflowError e) {
        throw DocumentErrors.tooComplex(limits, e);
      }
    }
    List<PageText> all = pages.pages();
    if (all.size() > maxPages) {
      throw DocumentErrors.tooManyPages(all.size(), maxPages);
    }
    List<Integer> selected = selection.pagesOf(all.size());
    List<PageText> kept = all.stream().filter(page -> selected.contains(page.number())).toList();
    return new ExtractedDocument(type.toString(), all.size(), tikaMetadata(metadata), kept);
  }

  private static Map<String, String> tikaMetadata(Metadata metadata) {
    String[] authors = metadata.getValues(TikaCoreProperties.CREATOR);
    return new DocumentMetadata()
        .put("title", metadata.get(TikaCoreProperties.TITLE))
        .put("author", authors.length == 0 ? null : String.join("; ", authors))
        .put("subject", metadata.get(TikaCoreProperties.SUBJECT))
        .put("creator", metadata.get(TikaCoreProperties.CREATOR_TOOL))
        .put("creator", metadata.get(OfficeOpenXMLExtended.APPLICATION))
        .put("created", metadata.get(TikaCoreProperties.CREATED))
        .put("modified", metadata.get(TikaCoreProperties.MODIFIED))
        .put("language", metadata.get(TikaCoreProperties.LANGUAGE))
        .toMap();
  }

  private DocumentProcessingException translateTikaFailure(Exception e) throws IOException {
    if (exceedsLimits(e)) {
      return DocumentErrors.tooComplex(limits, e);
    }
    if (e instanceof EncryptedDocumentException) {
      return DocumentErrors.encrypted(
          "The document is password-protected; remove the password and upload it again.", e);
    }
    if (e instanceof ZeroByteFileException) {
      return new DocumentProcessingException(
          DocumentErrorCode.DOCUMENT_CORRUPT, "The document is empty.", e);
    }
    if (e instanceof IOException io) {
      // Tika turns a parser's IOExceptions into TikaExceptions (TIKA-198) and lets through only
      // those of the stream itself: a bare IOException is reading the file, not its content.
      throw io;
    }
    return DocumentErrors.corrupt("The document", e);
  }

  /** Whether a parser gave up because of one of its safety limits rather than damage. */
  private static boolean exceedsLimits(Throwable failure) {
    if (WriteLimitReachedException.isWriteLimitReached(failure)) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TikaMemoryLimitException || t instanceof FileTooLongException) {
        return true;
      }
      // Tika's SecureContentHandler and POI's ZipSecureFile signal compression bombs and too deep
      // nesting with plain exceptions (one of a package-private class), recognisable only by text.
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
        return true;
      }
    }
    return false;
  }

  /** The only normalisation: Unix line ends, and no whitespace left trailing at the end. */
  static String normalise(String text) {
    return text.replace("\r\n", "\n").stripTrailing();
  }

  /** Tells parsers to leave embedded documents alone, without even opening them. */
  private static final class SkipEmbeddedDocuments implements EmbeddedDocumentExtractor {

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
      return false;
    }

    @Override
    public void parseEmbedded(
        InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
      // Never called: shouldParseEmbedded says no.
    }
  }
}
