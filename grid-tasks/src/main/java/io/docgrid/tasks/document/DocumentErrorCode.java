package io.docgrid.tasks.document;

/**
 * Why a document could not be read. A fixed set, so that it can label metrics and map to stable API
 * error codes.
 */
public enum DocumentErrorCode {
  /** Damaged, truncated or empty: the parser could not make sense of the bytes. */
  DOCUMENT_CORRUPT,
  /** A password (or a certificate) is needed to open the document. */
  DOCUMENT_ENCRYPTED,
  /** The content is of a type we do not extract text from. */
  UNSUPPORTED_MEDIA_TYPE,
  /** The document exceeds a parser limit: a zip bomb, too deep nesting or too much text. */
  DOCUMENT_TOO_COMPLEX
}
