package io.docgrid.tasks.process;

import java.io.Serializable;
import java.util.List;

/**
 * What a {@link ProcessDocumentJob} brings back over the grid: the pages of its range, or, from a
 * first look at a document too long for one job, only its facts, so that its pages can be planned
 * in ranges.
 */
public sealed interface DocumentOutcome extends Serializable
    permits ProcessedDocument, CountedDocument {

  /** The grid nodes that worked on the document. */
  List<String> nodeIds();
}
