package io.docgrid.tasks.process;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ProcessingOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a compute node turns a stored document into pages: in its own JVM, or in supervised child
 * processes that a hostile document can take down without harming the node.
 */
public interface DocumentExtraction extends AutoCloseable {

  ExtractedDocument extract(Path file, String mediaType, ProcessingOptions options)
      throws DocumentProcessingException, IOException;

  @Override
  void close();
}
