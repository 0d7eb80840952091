package io.docgrid.tasks.process;

import io.docgrid.tasks.document.DocumentFacts;
import java.util.List;
import java.util.Objects;

/**
 * A document whose first look found more selected pages than one job reads: its facts, from which
 * its page ranges are planned.
 */
public record CountedDocument(DocumentFacts facts, List<String> nodeIds)
    implements DocumentOutcome, TaskOutcome {

  public CountedDocument {
    Objects.requireNonNull(facts, "facts");
    nodeIds = List.copyOf(nodeIds);
  }
}
