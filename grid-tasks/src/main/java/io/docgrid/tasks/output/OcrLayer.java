package io.docgrid.tasks.output;

import java.io.Serializable;
import java.util.List;

/**
 * The OCR of one page as a searchable PDF needs it: the words with their boxes in the pixels of the
 * image OCR saw, and how that image was made from the page (resolution, quarter turn, skew).
 */
public record OcrLayer(int pageNumber, int dpi, int rotation, double skewDegrees, List<Word> words)
    implements Serializable {

  public OcrLayer {
    words = List.copyOf(words);
  }

  /** One word and its box: left, top, width, height in pixels. */
  public record Word(String text, int left, int top, int width, int height)
      implements Serializable {}
}
