package io.docgrid.tasks.process;

import io.docgrid.tasks.document.PageText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RangeStore} in memory: what the API tier would write to the blob store, for tests. */
final class StoredParts implements RangeStore {

  private final Map<String, List<PageText>> parts = new ConcurrentHashMap<>();

  @Override
  public void store(UUID jobId, int part, List<PageText> pages) {
    parts.put(jobId + "/" + part, List.copyOf(pages));
  }

  /** The job's pages from parts 0 to {@code count} - 1, in part order. */
  List<PageText> pages(UUID jobId, int count) {
    List<PageText> pages = new ArrayList<>();
    for (int part = 0; part < count; part++) {
      List<PageText> stored = parts.get(jobId + "/" + part);
      if (stored == null) {
        throw new AssertionError("part " + part + " of job " + jobId + " was not stored");
      }
      pages.addAll(stored);
    }
    return pages;
  }
}
