package io.docgrid.tasks.document;

import java.io.Serializable;
import java.util.Objects;

/**
 * The text of one page.
 *
 * @param number 1-based page number
 * @param text the page's text, with {@code \n} line ends and no trailing whitespace
 * @param source where the text came from: {@value #TEXT_LAYER} for a document's own text
 */
public record PageText(int number, String text, String source) implements Serializable {

  /** Text taken from the document itself rather than recognised from an image. */
  public static final String TEXT_LAYER = "text-layer";

  public PageText {
    if (number < 1) {
      throw new IllegalArgumentException("page numbers start at 1, got " + number);
    }
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }
}
