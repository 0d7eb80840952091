package io.docgrid.tasks.document;

import java.awt.image.BufferedImage;

/** Recognises the text in the image of a page: OCR, as seen from the extraction code. */
public interface PageRecognizer {

  /**
   * The text of page {@code number}, rendered or decoded at {@code dpi}.
   *
   * @throws DocumentProcessingException when the page cannot be recognised for a reason the client
   *     can act on (an OCR language without a model, for instance)
   */
  PageText recognise(int number, BufferedImage image, int dpi) throws DocumentProcessingException;

  /** For OCR switched off: image pages come back without text. */
  PageRecognizer NONE = (number, image, dpi) -> new PageText(number, "", PageText.NONE);
}
