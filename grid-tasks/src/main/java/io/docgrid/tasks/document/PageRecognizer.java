package io.docgrid.tasks.document;

import java.awt.image.BufferedImage;

/** Recognises the text in the image of a page: OCR, as seen from the extraction code. */
public interface PageRecognizer {

  /**
   * The text of page {@code number}, rendered or decoded at {@code dpi}, within {@code
   * millisAllowed} milliseconds (a page that takes longer fails with {@link
   * DocumentErrorCode#PROCESSING_TIMEOUT}).
   *
   * @throws DocumentProcessingException when the page cannot be recognised for a reason the client
   *     can act on (an OCR language without a model, for instance)
   */
  PageText recognise(int number, BufferedImage image, int dpi, int millisAllowed)
      throws DocumentProcessingException;

  /** For OCR switched off: image pages come back without text. */
  PageRecognizer NONE = (number, image, dpi, millis) -> new PageText(number, "", PageText.NONE);
}
