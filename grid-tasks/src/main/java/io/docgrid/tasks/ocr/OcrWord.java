package io.docgrid.tasks.ocr;

import java.io.Serializable;
import java.util.Objects;

/**
 * One recognised word and its box, in pixels of the image given to OCR (origin top left).
 *
 * @param confidence Tesseract's word confidence, 0 to 100
 */
public record OcrWord(String text, int left, int top, int width, int height, float confidence)
    implements Serializable {

  public OcrWord {
    Objects.requireNonNull(text, "text");
  }
}
