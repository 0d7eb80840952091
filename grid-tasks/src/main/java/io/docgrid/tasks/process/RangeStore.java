package io.docgrid.tasks.process;

import io.docgrid.tasks.document.PageText;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * Where a {@link ProcessDocumentTask} puts each page range's pages as the range finishes, so that
 * the task itself carries only counts and a long document is never whole in one heap.
 */
@FunctionalInterface
public interface RangeStore {

  /**
   * Stores the pages of range {@code part} of the job's document (numbered from 0 in page order),
   * replacing what an earlier run of the same range stored.
   *
   * @param pages the range's pages in page order, failed ones included
   */
  void store(UUID jobId, int part, List<PageText> pages) throws IOException;
}
