package io.docgrid.tasks.process;

import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageSelection;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the selected pages of a counted document into ranges of at most {@code pagesPerJob} pages,
 * from the page count its first look recorded: planning never reads the document again.
 */
public final class PagePlanner {

  private final int pagesPerJob;

  /**
   * @param pagesPerJob the most pages one grid job takes
   */
  public PagePlanner(int pagesPerJob) {
    if (pagesPerJob < 1) {
      throw new IllegalArgumentException("pagesPerJob must be positive, got " + pagesPerJob);
    }
    this.pagesPerJob = pagesPerJob;
  }

  public int pagesPerJob() {
    return pagesPerJob;
  }

  /** The first job of a document not yet counted, within the caller's page limit. */
  public PagePlan firstLook(int maxPages) {
    return PagePlan.firstLook(pagesPerJob, maxPages);
  }

  /** The jobs for the {@code selection} of a document of {@code pageCount} pages. */
  public PagePlan plan(int pageCount, PageSelection selection, int maxPages) {
    ExtractionScope scope = ExtractionScope.selectedPages(maxPages);
    List<Integer> selected = selection.pagesOf(pageCount);
    if (selected.size() <= pagesPerJob) {
      return new PagePlan(pageCount, List.of(), scope);
    }
    return new PagePlan(pageCount, ranges(selected), scope);
  }

  /** Consecutive runs of selected pages, each cut to at most {@code pagesPerJob} pages. */
  private List<PageSelection> ranges(List<Integer> selected) {
    List<PageSelection> ranges = new ArrayList<>();
    int start = 0;
    while (start < selected.size()) {
      int end = start;
      while (end + 1 < selected.size()
          && end + 1 - start < pagesPerJob
          && selected.get(end + 1) == selected.get(end) + 1) {
        end++;
      }
      ranges.add(PageSelection.range(selected.get(start), selected.get(end)));
      start = end + 1;
    }
    return ranges;
  }
}
