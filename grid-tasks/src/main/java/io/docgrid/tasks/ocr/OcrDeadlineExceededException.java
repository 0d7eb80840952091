package io.docgrid.tasks.ocr;

/** Tesseract stopped recognising a page because the page's deadline passed. */
public final class OcrDeadlineExceededException extends RuntimeException {

  public OcrDeadlineExceededException(int deadlineMillis) {
    super("OCR did not finish within " + deadlineMillis + " ms");
  }
}
