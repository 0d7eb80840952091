package io.docgrid.node.grid;

import io.docgrid.tasks.grid.GridNames;
import org.apache.ignite.configuration.DataPageEvictionMode;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;

/**
 * The result cache's data region: in memory, bounded, evicting pages of the least recently used
 * entries (Random-2-LRU) when 90% full. Every server node, serve or worker, defines it alike, since
 * the cache's partitions may live on any of them.
 */
public final class ResultCacheRegion {

  private static final long MB = 1L << 20;
  private static final int PAGE_SIZE = DataStorageConfiguration.DFLT_PAGE_SIZE;
  private static final int MAX_EMPTY_PAGES = 4096;

  private ResultCacheRegion() {}

  public static DataRegionConfiguration of(long maxBytes) {
    return new DataRegionConfiguration()
        .setName(GridNames.RESULT_CACHE_REGION)
        .setInitialSize(Math.min(maxBytes, 16 * MB))
        .setMaxSize(maxBytes)
        .setPersistenceEnabled(false)
        .setPageEvictionMode(DataPageEvictionMode.RANDOM_2_LRU)
        .setEmptyPagesPoolSize(emptyPages(maxBytes));
  }

  /**
   * The largest entry the region can always make room for: eviction frees pages until the pool of
   * empty pages is full, so an entry must fit in it; half of it, to keep a margin.
   */
  public static long maxEntryBytes(long maxBytes) {
    return (long) emptyPages(maxBytes) * PAGE_SIZE / 2;
  }

  // Ignite requires the pool to be less than 10% of the region's pages.
  private static int emptyPages(long maxBytes) {
    long pages = maxBytes / PAGE_SIZE;
    return (int) Math.max(100, Math.min(MAX_EMPTY_PAGES, pages / 10 - 1));
  }
}
