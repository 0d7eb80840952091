package io.docgrid.tasks.document;

import java.io.Serializable;
import java.util.List;

/**
 * How a page's text was recognised: the engine's confidence, every word with its box, and what
 * preprocessing found.
 *
 * @param confidence the lowest word confidence on the page, 0..100 (0 when there are no words)
 * @param meanConfidence Tesseract's mean text confidence, 0..100
 * @param words the recognised words with boxes in pixels of the image OCR saw: at {@code dpi},
 *     turned upright and deskewed
 * @param skewDegrees the skew measured (positive: lines rise to the right) and corrected
 * @param rotation the clockwise rotation applied to make the page upright: 0, 90, 180 or 270
 * @param dpi the resolution the page was recognised at
 * @param hocr the page in hOCR, for the hOCR and searchable-PDF renderings
 */
public record PageOcr(
    float confidence,
    float meanConfidence,
    List<Word> words,
    double skewDegrees,
    int rotation,
    int dpi,
    String hocr)
    implements Serializable {

  public PageOcr {
    words = List.copyOf(words);
  }

  /** One recognised word and its box. */
  public record Word(String text, int left, int top, int width, int height, float confidence)
      implements Serializable {}
}
