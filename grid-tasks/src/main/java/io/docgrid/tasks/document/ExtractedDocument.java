package io.docgrid.tasks.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The text of a document, page by page, with a few metadata fields.
 *
 * @param mediaType the document's media type, without parameters
 * @param pageCount the number of pages in the document (1 for formats without pages)
 * @param metadata a small bounded set such as {@code title}, {@code author}, {@code created}; keys
 *     in camelCase, values trimmed and at most 1000 chars
 * @param pages the pages' text, in page order
 * @param encrypted whether the document was protected by a password (and opened with it)
 */
public record ExtractedDocument(
    String mediaType,
    int pageCount,
    Map<String, String> metadata,
    List<PageText> pages,
    boolean encrypted)
    implements ExtractionResult {

  /** A document that was not encrypted. */
  public ExtractedDocument(
      String mediaType, int pageCount, Map<String, String> metadata, List<PageText> pages) {
    this(mediaType, pageCount, metadata, pages, false);
  }

  public ExtractedDocument {
    Objects.requireNonNull(mediaType, "mediaType");
    if (pageCount < 0) {
      throw new IllegalArgumentException("pageCount must not be negative, got " + pageCount);
    }
    // An unmodifiable LinkedHashMap rather than Map.copyOf: it keeps the fields in a stable,
    // readable order and still serialises.
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    metadata.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, "metadata key");
          Objects.requireNonNull(value, "metadata value");
        });
    pages = List.copyOf(pages);
  }

  /** The facts of a document read whole: every page it was asked for is here. */
  @Override
  public DocumentFacts facts() {
    return new DocumentFacts(mediaType, pageCount, pages.size(), encrypted);
  }

  /** The same document with other pages (a merge of ranges, or failed pages added). */
  public ExtractedDocument withPages(List<PageText> otherPages) {
    return new ExtractedDocument(mediaType, pageCount, metadata, otherPages, encrypted);
  }
}
