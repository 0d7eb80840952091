package io.docgrid.tasks.process;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentFacts;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A processed document whose pages were put in a {@link RangeStore} range by range: what is known
 * of the whole document without its pages.
 *
 * @param mediaType the document's media type, without parameters
 * @param pageCount the pages in the whole document
 * @param metadata the document's metadata fields
 * @param encrypted whether the document was protected by a password (and opened with it)
 * @param pages how many pages were processed (or failed), all ranges together
 * @param ocrPages how many of them were recognised by OCR
 * @param failedPages the pages that failed, in page order
 * @param parts how many parts were stored, numbered from 0 in page order
 * @param nodeIds the grid nodes that processed the document's pages
 * @param pipelineVersion the version of the processing pipeline
 * @param versions library and OCR model versions
 * @param elapsedMillis the longest range's time from its start on a node to its end
 */
public record StoredDocument(
    String mediaType,
    int pageCount,
    Map<String, String> metadata,
    boolean encrypted,
    int pages,
    int ocrPages,
    List<FailedPage> failedPages,
    int parts,
    List<String> nodeIds,
    String pipelineVersion,
    Map<String, String> versions,
    long elapsedMillis)
    implements TaskOutcome {

  /** A page that failed, and why. */
  public record FailedPage(int number, DocumentErrorCode code, String message)
      implements Serializable {}

  public StoredDocument {
    Objects.requireNonNull(mediaType, "mediaType");
    // Kept in the extraction's order, as the result shows it.
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    failedPages = List.copyOf(failedPages);
    nodeIds = List.copyOf(nodeIds);
    versions = Map.copyOf(versions);
  }

  /** The facts of the document as it was read: every page asked for is counted. */
  public DocumentFacts facts() {
    return new DocumentFacts(mediaType, pageCount, pages, encrypted);
  }

  /** Whether no page came through. */
  public boolean failedWhole() {
    return !failedPages.isEmpty() && failedPages.size() == pages;
  }
}
