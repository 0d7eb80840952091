package io.docgrid.tasks.document;

import org.apache.tika.mime.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The document failures clients see, with messages that say what to do about them. */
final class DocumentErrors {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentErrors.class);

  private DocumentErrors() {}

  static DocumentProcessingException unsupported(String mediaType) {
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

  static DocumentProcessingException pdfEncrypted(boolean passwordGiven, Throwable cause) {
    return encrypted(
        passwordGiven
            ? "The password in the options does not open this PDF."
            : "The PDF is password-protected; send its password in the options"
                + " ({\"password\": \"...\"}) or upload a copy without the password.",
        cause);
  }

  static DocumentProcessingException encrypted(String message, Throwable cause) {
    LOG.debug("Encrypted document", cause);
    return new DocumentProcessingException(DocumentErrorCode.DOCUMENT_ENCRYPTED, message, cause);
  }

  static DocumentProcessingException corrupt(String what, Throwable cause) {
    LOG.debug("Unreadable document", cause);
    return new DocumentProcessingException(
        DocumentErrorCode.DOCUMENT_CORRUPT,
        what
            + " could not be read; it may be damaged or truncated. Check that it opens in its usual"
            + " application, save it again and upload the new copy.",
        cause);
  }

  static DocumentProcessingException tooComplex(ExtractionLimits limits, Throwable cause) {
    LOG.debug("Document beyond limits", cause);
    return new DocumentProcessingException(
        DocumentErrorCode.DOCUMENT_TOO_COMPLEX,
        "The document exceeds the processing limits: a compression bomb, too deep nesting or more"
            + " than "
            + limits.maxCharacters()
            + " characters of text. Split it into smaller documents.",
        cause);
  }

  static DocumentProcessingException tooManyPages(long pages, int maxPages) {
    return new DocumentProcessingException(
        DocumentErrorCode.TOO_MANY_PAGES,
        "The document has "
            + pages
            + " pages; at most "
            + maxPages
            + " are accepted in one document. Split it into shorter documents.",
        null);
  }

  /** A page whose content could not be read; its document goes on without it. */
  static PageText unreadablePage(int number) {
    return PageText.failed(
        number, DocumentErrorCode.DOCUMENT_CORRUPT, "Page " + number + " could not be read.");
  }

  /** A page whose structure is nested too deeply to read (a known attack on PDF readers). */
  static PageText tooDeeplyNestedPage(int number) {
    return PageText.failed(
        number,
        DocumentErrorCode.DOCUMENT_TOO_COMPLEX,
        "Page " + number + " is nested too deeply.");
  }

  static DocumentProcessingException imageTooLarge(
      long width, long height, ExtractionLimits limits) {
    return new DocumentProcessingException(
        DocumentErrorCode.IMAGE_TOO_LARGE,
        "The image is "
            + width
            + "x"
            + height
            + " pixels; at most "
            + limits.maxPixels()
            + " pixels are decoded. Scale it down and upload it again.",
        null);
  }
}
