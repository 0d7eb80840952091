package io.docgrid.tasks.document;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The text of one page.
 *
 * @param number 1-based page number
 * @param text the page's text, with {@code \n} line ends and no trailing whitespace
 * @param source where the text came from: {@value #TEXT_LAYER}, {@value #OCR} or {@value #NONE}
 * @param ocr how the text was recognised, when it was
 * @param timingsMillis how long each stage took for this page, in milliseconds
 * @param error why the page failed, when {@code source} is {@value #FAILED}
 * @param markdown the page as Markdown with the source's structure (headings, lists, tables), when
 *     the source has structure; null for pages that are text only
 */
public record PageText(
    int number,
    String text,
    String source,
    PageOcr ocr,
    Map<String, Long> timingsMillis,
    PageError error,
    String markdown)
    implements Serializable {

  /** Text taken from the document itself rather than recognised from an image. */
  public static final String TEXT_LAYER = "text-layer";

  /** Text recognised from the page's image. */
  public static final String OCR = "ocr";

  /** No text: an image page with OCR switched off. */
  public static final String NONE = "none";

  /** The page could not be processed; {@code error} says why. */
  public static final String FAILED = "failed";

  /** Why one page failed, when the rest of its document did not. */
  public record PageError(DocumentErrorCode code, String message) implements Serializable {}

  public PageText {
    if (number < 1) {
      throw new IllegalArgumentException("page numbers start at 1, got " + number);
    }
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    // Insertion order kept: stages appear in the order they ran.
    timingsMillis =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(timingsMillis == null ? Map.of() : timingsMillis));
  }

  public PageText(
      int number, String text, String source, PageOcr ocr, Map<String, Long> timingsMillis) {
    this(number, text, source, ocr, timingsMillis, null, null);
  }

  /** A page whose text comes from its text layer. */
  public PageText(int number, String text, String source) {
    this(number, text, source, null, Map.of());
  }

  /** A page that failed while the rest of its document may not have. */
  public static PageText failed(int number, DocumentErrorCode code, String message) {
    return new PageText(number, "", FAILED, null, Map.of(), new PageError(code, message), null);
  }

  public boolean hasFailed() {
    return error != null;
  }
}
