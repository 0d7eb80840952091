package io.docgrid.tasks.document;

import java.io.Serializable;

/**
 * How much of a document one extraction takes on.
 *
 * @param wholeUpTo the most selected pages it reads; a document with more is only counted, and its
 *     {@link DocumentFacts} come back instead of its pages; 0 counts every document, and a PDF's
 *     pages that would be OCRed too (a dry run)
 * @param maxPages the most pages a document may have (the caller's tier's limit); a longer one
 *     fails as {@link DocumentErrorCode#TOO_MANY_PAGES} before any page is read
 */
public record ExtractionScope(int wholeUpTo, int maxPages) implements Serializable {

  /** Every selected page, up to the engine's own page limit. */
  public static final ExtractionScope EVERYTHING =
      new ExtractionScope(Integer.MAX_VALUE, Integer.MAX_VALUE);

  public ExtractionScope {
    if (wholeUpTo < 0 || maxPages < 1) {
      throw new IllegalArgumentException("scope limits must be positive");
    }
  }

  /** A document not yet counted: read at once if its selection is short, else count it. */
  public static ExtractionScope firstLook(int wholeUpTo, int maxPages) {
    return new ExtractionScope(wholeUpTo, maxPages);
  }

  /**
   * No page read, the document only counted, with the pages its options would have OCRed: what a
   * dry run asks.
   */
  public static ExtractionScope countOnly(int maxPages) {
    return new ExtractionScope(0, maxPages);
  }

  public boolean countsOnly() {
    return wholeUpTo == 0;
  }

  /** The selected pages of a document already counted, however many. */
  public static ExtractionScope selectedPages(int maxPages) {
    return new ExtractionScope(Integer.MAX_VALUE, maxPages);
  }
}
