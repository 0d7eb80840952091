package io.docgrid.api.cache;

/**
 * What {@code GET /api/v1/cache} answers. Entries and bytes count the whole cluster's cache
 * (primary copies, values as stored, compressed); hits and misses are this node's since it started.
 *
 * @param hitRate hits / (hits + misses), 0 before the first lookup
 */
public record ResultCacheStats(
    boolean enabled,
    long ttlSeconds,
    long entries,
    long bytes,
    long hits,
    long misses,
    double hitRate,
    NearCacheStats nearCache) {

  /** This node's near cache of recently used entries, bounded in bytes. */
  public record NearCacheStats(
      long entries, long bytes, long maxBytes, long hits, long misses, long evictions) {}

  static double rate(long hits, long misses) {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}
