package io.docgrid.tasks.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.encryption.PublicKeySecurityHandler;
import org.apache.pdfbox.text.PDFTextStripper;
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

  /** About 100 MB of UTF-16; far beyond any real document, well below a node's heap. */
  static final int DEFAULT_MAX_CHARACTERS = 50_000_000;

  private final AutoDetectParser tika;
  private final SupportedMediaTypes supported;
  private final int maxCharacters;

  public TextExtractor() {
    this(DEFAULT_MAX_CHARACTERS);
  }

  /** With a different text limit, so that tests can reach it without a 50-million-char file. */
  TextExtractor(int maxCharacters) {
    if (maxCharacters < 1) {
      throw new IllegalArgumentException("maxCharacters must be positive, got " + maxCharacters);
    }
    this.tika = new AutoDetectParser();
    this.supported = new SupportedMediaTypes(tika.getMediaTypeRegistry());
    this.maxCharacters = maxCharacters;
  }

  /**
   * Extracts the text of {@code file}, whose type {@code mediaType} was detected from its content
   * (see {@link DocumentTypeDetector#detect}).
   *
   * @throws DocumentProcessingException when the document is of an unsupported type, encrypted,
   *     damaged or beyond the limits; its message is safe to show to clients
   * @throws IOException when the file itself cannot be read, which is our fault, not the client's
   */
  public ExtractedDocument extract(Path file, String mediaType)
      throws DocumentProcessingException, IOException {
    MediaType type = supported.find(mediaType).orElseThrow(() -> unsupported(mediaType));
    if (type.equals(SupportedMediaTypes.PDF)) {
      return extractPdf(file);
    }
    return extractWithTika(file, type);
  }

  private ExtractedDocument extractPdf(Path file) throws DocumentProcessingException, IOException {
    // Opened outside the handlers below: a missing or unreadable file is an IOException of ours,
    // not a corrupt document. The buffered file reads on demand rather than loading it whole.
    try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file)) {
      try (PDDocument document = Loader.loadPDF(source)) {
        return readPdf(document);
      } catch (InvalidPasswordException e) {
        throw pdfEncrypted(e);
      } catch (IOException e) {
        // Certificate-encrypted PDFs (Adobe.PubSec) fail with a plain IOException from their
        // security handler, since we hold no key store; they are encrypted, not damaged.
        if (thrownByCertificateDecryption(e)) {
          throw pdfEncrypted(e);
        }
        throw corrupt("The PDF", e);
      } catch (RuntimeException e) {
        // PDFBox meets malformed files with unchecked exceptions too (casts, bad indexes).
        throw corrupt("The PDF", e);
      } catch (StackOverflowError e) {
        // Deeply nested or cyclic object trees, a known way to attack PDF readers.
        throw tooComplex(e);
      }
    }
  }

  private ExtractedDocument readPdf(PDDocument document)
      throws IOException, DocumentProcessingException {
    // An encrypted document that loaded has an empty user password and only an owner password,
    // whose permissions ("no copying" and the like) address viewers. PDFBox 3's text stripper
    // does not enforce them, so such PDFs extract like any other, without removing the security.
    // One stripper per document: PDFTextStripper keeps state between calls and is not thread-safe.
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(false);
    int pageCount = document.getNumberOfPages();
    List<PageText> pages = new ArrayList<>(pageCount);
    long characters = 0;
    for (int number = 1; number <= pageCount; number++) {
      stripper.setStartPage(number);
      stripper.setEndPage(number);
      String text = normalise(stripper.getText(document));
      characters += text.length();
      if (characters > maxCharacters) {
        throw tooComplex(null);
      }
      pages.add(new PageText(number, text, PageText.TEXT_LAYER));
    }
    return new ExtractedDocument(
        SupportedMediaTypes.PDF.toString(), pageCount, pdfMetadata(document), pages);
  }

  private static Map<String, String> pdfMetadata(PDDocument document) {
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

  private ExtractedDocument extractWithTika(Path file, MediaType type)
      throws DocumentProcessingException, IOException {
    BodyContentHandler handler = new BodyContentHandler(maxCharacters);
    Metadata metadata = new Metadata();
    ParseContext context = new ParseContext();
    // Embedded documents (attachments, pictures, OLE objects) are skipped: their images would need
    // OCR, which does not exist yet, and each one is another parser run against the limits.
    context.set(EmbeddedDocumentExtractor.class, new SkipEmbeddedDocuments());
    try (TikaInputStream stream = TikaInputStream.get(file)) {
      try {
        tika.parse(stream, handler, metadata, context);
      } catch (IOException | SAXException | TikaException | RuntimeException e) {
        throw translateTikaFailure(e);
      } catch (StackOverflowError e) {
        throw tooComplex(e);
      }
    }
    PageText page = new PageText(1, normalise(handler.toString()), PageText.TEXT_LAYER);
    return new ExtractedDocument(type.toString(), 1, tikaMetadata(metadata), List.of(page));
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
      return tooComplex(e);
    }
    if (e instanceof EncryptedDocumentException) {
      return encrypted(
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
    return corrupt("The document", e);
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

  private static boolean thrownByCertificateDecryption(IOException e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0
        && trace[0].getClassName().equals(PublicKeySecurityHandler.class.getName());
  }

  /** The only normalisation: Unix line ends, and no whitespace left trailing at the end. */
  static String normalise(String text) {
    return text.replace("\r\n", "\n").stripTrailing();
  }

  private static DocumentProcessingException unsupported(String mediaType) {
    // Only a parsed media type goes into the message; anything else may be arbitrary client text.
    String shown =
        mediaType == null || MediaType.parse(mediaType.strip()) == null
            ? "this type"
            : "type " + MediaType.parse(mediaType.strip()).getBaseType();
    return new DocumentProcessingException(
        DocumentErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "Documents of "
            + shown
            + " are not supported. Supported are: "
            + SupportedMediaTypes.DESCRIPTION
            + ".",
        null);
  }

  private static DocumentProcessingException pdfEncrypted(Exception cause) {
    return encrypted(
        "The PDF is password-protected; remove the password (or the certificate encryption) and"
            + " upload it again.",
        cause);
  }

  private static DocumentProcessingException encrypted(String message, Throwable cause) {
    LOG.debug("Encrypted document", cause);
    return new DocumentProcessingException(DocumentErrorCode.DOCUMENT_ENCRYPTED, message, cause);
  }

  private static DocumentProcessingException corrupt(String what, Throwable cause) {
    LOG.debug("Unreadable document", cause);
    return new DocumentProcessingException(
        DocumentErrorCode.DOCUMENT_CORRUPT,
        what
            + " could not be read; it may be damaged or truncated. Check that it opens in its usual"
            + " application, save it again and upload the new copy.",
        cause);
  }

  private DocumentProcessingException tooComplex(Throwable cause) {
    LOG.debug("Document beyond limits", cause);
    return new DocumentProcessingException(
        DocumentErrorCode.DOCUMENT_TOO_COMPLEX,
        "The document exceeds the processing limits: a compression bomb, too deep nesting or more"
            + " than "
            + maxCharacters
            + " characters of text. Split it into smaller documents.",
        cause);
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
