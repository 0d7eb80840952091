package io.docgrid.tasks.ocr;

import io.docgrid.tasks.image.GrayImage;

/** An OCR engine as the page pipeline sees it: one page image in, its text and word boxes out. */
public interface PageReader {

  /**
   * Recognises the text on {@code image}, giving up after {@code deadlineMillis} (0: no deadline).
   *
   * @param dpi the resolution the image was scanned or rendered at
   * @throws OcrDeadlineExceededException when the engine stopped at the deadline
   */
  OcrPage recognise(GrayImage image, int dpi, int deadlineMillis);
}
