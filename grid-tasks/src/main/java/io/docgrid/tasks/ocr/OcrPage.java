package io.docgrid.tasks.ocr;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What OCR read on one page.
 *
 * @param text the page's text, lines separated by {@code \n}, without trailing whitespace
 * @param words the words in reading order, with their boxes and confidences
 * @param meanConfidence Tesseract's mean text confidence, 0 to 100 (0 for a page without text)
 * @param minConfidence the lowest word confidence, 0 when there are no words
 * @param hocr the page as an hOCR fragment: one {@code <div class='ocr_page'>} element
 */
public record OcrPage(
    String text, List<OcrWord> words, float meanConfidence, float minConfidence, String hocr)
    implements Serializable {

  public OcrPage {
    Objects.requireNonNull(text, "text");
    words = List.copyOf(words);
    Objects.requireNonNull(hocr, "hocr");
  }
}
