package io.docgrid.tasks.document;

import java.io.Serializable;

/**
 * What reading a document gave: its pages, or, for a document whose selected pages are more than
 * one extraction reads, only its facts, so that its pages can be read in ranges across the grid.
 */
public sealed interface ExtractionResult extends Serializable
    permits ExtractedDocument, DocumentFacts {

  /** What the document turned out to be, whichever way it was read. */
  DocumentFacts facts();
}
