package io.docgrid.tasks.isolation;

import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageImageFormat;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.output.OcrLayer;
import java.io.Serializable;
import java.util.List;

/** What the parent asks a child process to do with a document: every parse happens there. */
sealed interface ChildRequest extends Serializable {

  /** Read a document's pages, or count them when they are more than the scope takes on. */
  record Extract(
      String file,
      String mediaType,
      ProcessingOptions options,
      ExtractionScope scope,
      long documentMillis,
      long pageMillis)
      implements ChildRequest {}

  /** Stop work on an earlier request soon: its job was cancelled. It is still answered. */
  record Cancel(long requestId) implements ChildRequest {}

  /**
   * Write a searchable PDF of a document, its OCR layers laid over its pages, to {@code target}.
   */
  record SearchablePdf(
      String file, String mediaType, List<OcrLayer> layers, int imageDpi, String target)
      implements ChildRequest {}

  /** Render one page of a document as an image of a width; the answer is its encoded bytes. */
  record PageImage(String file, String mediaType, int page, int width, PageImageFormat format)
      implements ChildRequest {}
}
