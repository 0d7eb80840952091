package io.docgrid.tasks.document;

/**
 * Bounds on what one document may make a node do.
 *
 * @param maxPages pages per document; more fail as {@link DocumentErrorCode#TOO_MANY_PAGES}
 * @param maxPixels pixels per image or rendered page; a larger image fails as {@link
 *     DocumentErrorCode#IMAGE_TOO_LARGE}, a larger rendering is made at a lower resolution
 * @param maxCharacters characters of text per document
 */
public record ExtractionLimits(int maxPages, long maxPixels, int maxCharacters) {

  /** 2000 pages; 100 megapixels (A3 at 600 dpi is 70); about 100 MB of text. */
  public static final ExtractionLimits DEFAULTS =
      new ExtractionLimits(2000, 100_000_000L, 50_000_000);

  public ExtractionLimits {
    if (maxPages < 1 || maxPixels < 1 || maxCharacters < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
