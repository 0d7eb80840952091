package io.docgrid.tasks.extraction;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ExtractionResult;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageImageFormat;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.output.OcrLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a compute node turns a stored document into pages: in its own JVM, or in supervised child
 * processes that a hostile document can take down without harming the node.
 */
public interface DocumentExtraction extends AutoCloseable {

  /**
   * Reads {@code file} as {@code mediaType} (which may be a package type still to be refined),
   * within {@code scope}: its selected pages, or only its facts when they are more than the scope
   * reads.
   */
  ExtractionResult extract(
      Path file, String mediaType, ProcessingOptions options, ExtractionScope scope)
      throws DocumentProcessingException, IOException;

  /** Every selected page of {@code file}: {@link #extract} within no limits of ours. */
  default ExtractedDocument extract(Path file, String mediaType, ProcessingOptions options)
      throws DocumentProcessingException, IOException {
    return (ExtractedDocument) extract(file, mediaType, options, ExtractionScope.EVERYTHING);
  }

  /**
   * Writes a searchable PDF of {@code file} (a PDF, or an image whose frames become pages at {@code
   * imageDpi} where no layer says otherwise) with {@code layers} as invisible text, to {@code
   * target}.
   */
  void writeSearchablePdf(
      Path file, String mediaType, List<OcrLayer> layers, int imageDpi, Path target)
      throws DocumentProcessingException, IOException;

  /**
   * Page {@code page} (1-based) of {@code file} as an image {@code width} pixels wide, encoded as
   * {@code format}: a PDF page rendered, an image's frame scaled. It takes at most a page's time.
   */
  byte[] renderPage(Path file, String mediaType, int page, int width, PageImageFormat format)
      throws DocumentProcessingException, IOException;

  @Override
  void close();
}
