package io.docgrid.tasks.process;

import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageSelection;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How a document's work is cut into grid jobs: one job that takes a first look at a document not
 * yet counted (and reads it whole when it is short), or, once its pages are counted, one job per
 * page range, processed in parallel.
 *
 * @param documentPages pages in the document, or null while not counted
 * @param ranges one page range per grid job; empty for one job over the options' own selection
 * @param scope how much each job takes on
 */
public record PagePlan(Integer documentPages, List<PageSelection> ranges, ExtractionScope scope)
    implements Serializable {

  public PagePlan {
    ranges = List.copyOf(ranges);
    Objects.requireNonNull(scope, "scope");
  }

  /** One job over the whole selection of a document, whatever its length (no limits of ours). */
  public static final PagePlan WHOLE_DOCUMENT =
      new PagePlan(null, List.of(), ExtractionScope.EVERYTHING);

  /**
   * One job for a document not yet counted: it counts the pages, refuses a document longer than
   * {@code maxPages}, and reads the selected pages at once when they are at most {@code wholeUpTo}.
   */
  public static PagePlan firstLook(int wholeUpTo, int maxPages) {
    return new PagePlan(null, List.of(), ExtractionScope.firstLook(wholeUpTo, maxPages));
  }

  /** Whether this plan reads no more than a first look: the document may come back counted only. */
  public boolean mayOnlyCount() {
    return scope.wholeUpTo() != Integer.MAX_VALUE;
  }
}
