package io.docgrid.tasks.process;

import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.process.StoredDocument.FailedPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a task learns from its ranges as they finish, in whatever order: counts, failed pages and
 * the document's facts, never the pages themselves. Ignite may report two ranges at once.
 */
final class StoredRanges {

  private final int parts;
  private final List<FailedPage> failed = new ArrayList<>();
  private final Set<String> nodeIds = new LinkedHashSet<>();
  private ProcessedDocument first;
  private int firstPart = Integer.MAX_VALUE;
  private int pages;
  private int ocrPages;
  private long elapsedMillis;

  /**
   * @param parts how many ranges the document was cut into
   */
  StoredRanges(int parts) {
    this.parts = parts;
  }

  /** Range {@code part} came through; its pages, failed ones among them, are stored. */
  synchronized void processed(int part, ProcessedDocument range) {
    if (part < firstPart) {
      // The document's facts are taken from its first range, whichever finished first.
      first = range;
      firstPart = part;
    }
    counted(range.document().pages());
    nodeIds.addAll(range.nodeIds());
    elapsedMillis = Math.max(elapsedMillis, range.elapsedMillis());
  }

  /** Range {@code part} failed as a whole; its pages, all failed, are stored. */
  synchronized void failed(List<PageText> pages) {
    counted(pages);
  }

  synchronized boolean anyProcessed() {
    return first != null;
  }

  synchronized StoredDocument summary() {
    if (first == null) {
      throw new IllegalStateException("no range came through");
    }
    List<FailedPage> failedPages = new ArrayList<>(failed);
    failedPages.sort(Comparator.comparingInt(FailedPage::number));
    var document = first.document();
    return new StoredDocument(
        document.mediaType(),
        document.pageCount(),
        document.metadata(),
        document.encrypted(),
        pages,
        ocrPages,
        failedPages,
        parts,
        List.copyOf(nodeIds),
        first.pipelineVersion(),
        first.versions(),
        elapsedMillis);
  }

  private void counted(List<PageText> rangePages) {
    for (PageText page : rangePages) {
      pages++;
      if (PageText.OCR.equals(page.source())) {
        ocrPages++;
      }
      if (page.hasFailed()) {
        failed.add(new FailedPage(page.number(), page.error().code(), page.error().message()));
      }
    }
  }
}
