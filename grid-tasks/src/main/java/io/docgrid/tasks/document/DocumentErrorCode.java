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
  DOCUMENT_TOO_COMPLEX,
  /** More pages than a node processes in one document. */
  TOO_MANY_PAGES,
  /** An image (or a rendered page) with more pixels than a node decodes: a decompression bomb. */
  IMAGE_TOO_LARGE,
  /** OCR was asked for in a language whose model is not installed. */
  OCR_LANGUAGE_UNAVAILABLE,
  /** Something unexpected went wrong on our side while processing part of the document. */
  PROCESSING_FAILED,
  /** A page, or the document, took longer than its time budget. */
  PROCESSING_TIMEOUT,
  /** The document brought down the workers that processed it; it is kept from the grid. */
  POISON_DOCUMENT,
  /**
   * A page asked for by number is past the document's end. Sent only in answer to a page image
   * request, which only nodes that know this code send: nodes of the release before never see it.
   */
  PAGE_NOT_FOUND
}
