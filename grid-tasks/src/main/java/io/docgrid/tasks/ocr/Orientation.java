package io.docgrid.tasks.ocr;

import java.io.Serializable;

/**
 * How a page lies, as Tesseract's orientation detection sees it.
 *
 * @param rotateDegrees 0, 90, 180 or 270: how far the page must be turned clockwise to read upright
 * @param confidence Tesseract's orientation confidence; 0 when detection found too little text to
 *     judge (and then {@code rotateDegrees} is 0)
 */
public record Orientation(int rotateDegrees, float confidence) implements Serializable {

  public Orientation {
    if (rotateDegrees % 90 != 0 || rotateDegrees < 0 || rotateDegrees >= 360) {
      throw new IllegalArgumentException(
          "rotateDegrees must be 0, 90, 180 or 270, got " + rotateDegrees);
    }
  }
}
