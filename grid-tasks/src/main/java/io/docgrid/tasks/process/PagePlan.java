package io.docgrid.tasks.process;

import io.docgrid.tasks.document.PageSelection;
import java.io.Serializable;
import java.util.List;

/**
 * How a document's work is cut into grid jobs: page ranges of a PDF processed in parallel, or one
 * job for the whole document when it has no pages to split or its pages cannot be counted up front.
 *
 * @param documentPages pages in the document, or null when not counted
 * @param selectedPages pages the job will process, or null when not counted
 * @param ranges one page range per grid job; empty for a single job over the whole document
 */
public record PagePlan(Integer documentPages, Integer selectedPages, List<PageSelection> ranges)
    implements Serializable {

  public static final PagePlan WHOLE_DOCUMENT = new PagePlan(null, null, List.of());

  public PagePlan {
    ranges = List.copyOf(ranges);
  }
}
