package io.docgrid.api.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.tasks.grid.GridNames;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.apache.ignite.lang.IgniteClosure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processed documents kept by {@link ResultCacheKey} in an Ignite cache with one backup, in a data
 * region of its own that evicts the least recently used pages when full, each entry expiring a
 * fixed time after it was written. Recently used entries are also kept on this node's heap, in a
 * near cache bounded in bytes. Values are gzipped documents as {@link CachedDocuments} writes them:
 * never a job's result, which holds that job's ids and times.
 *
 * <p>The cache only ever saves work: when it fails, a lookup misses and a store is skipped.
 */
public final class ResultCache implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ResultCache.class);
  private static final String ALL = "*";
  // Near cache entries weigh their bytes plus what the key and the map's node roughly cost.
  private static final int ENTRY_OVERHEAD_BYTES = 256;

  /**
   * @param ttl how long an entry lives after it was written; zero disables the cache
   * @param nearCacheBytes the most this node keeps on its heap; 0 keeps nothing there
   * @param maxEntryBytes larger (compressed) documents are not cached: page eviction can only make
   *     room for entries that fit its pool of free pages
   */
  public record Settings(Duration ttl, long nearCacheBytes, long maxEntryBytes) {

    public static Settings disabled() {
      return new Settings(Duration.ZERO, 0, 0);
    }

    public boolean enabled() {
      return !ttl.isZero();
    }
  }

  private final Settings settings;
  private final ApiMetrics metrics;
  private final IgniteCache<ResultCacheKey, byte[]> cache;
  private final Cache<ResultCacheKey, byte[]> near;
  private final NearCacheInvalidations invalidations;

  public ResultCache(Ignite ignite, Settings settings, ApiMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    if (!settings.enabled()) {
      this.cache = null;
      this.near = null;
      this.invalidations = null;
      return;
    }
    this.cache =
        ignite
            .getOrCreateCache(
                new CacheConfiguration<ResultCacheKey, byte[]>(GridNames.RESULT_CACHE)
                    // Every server node configures this region alike (node.grid.ResultCacheRegion).
                    .setDataRegionName(GridNames.RESULT_CACHE_REGION)
                    .setCacheMode(CacheMode.PARTITIONED)
                    .setBackups(1)
                    .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                    .setEagerTtl(true))
            // Per write rather than in the cache's configuration: each API node's
            // --result-cache-ttl
            // applies to what it stores, whichever node created the cache.
            .withExpiryPolicy(
                new CreatedExpiryPolicy(
                    new javax.cache.expiry.Duration(
                        TimeUnit.MILLISECONDS, settings.ttl().toMillis())));
    this.near =
        Caffeine.newBuilder()
            .maximumWeight(settings.nearCacheBytes())
            .<ResultCacheKey, byte[]>weigher((key, value) -> value.length + ENTRY_OVERHEAD_BYTES)
            .expireAfterWrite(settings.ttl())
            .recordStats()
            .build();
    this.invalidations = new NearCacheInvalidations(ignite);
    invalidations.subscribe(this::forgetNear);
  }

  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * The cached entry for {@code key} ({@link CachedDocuments}' bytes), counted as a hit or a miss.
   */
  public Optional<byte[]> find(ResultCacheKey key) {
    if (!enabled()) {
      return Optional.empty();
    }
    Optional<byte[]> found = read(key);
    metrics.resultCacheLookup(found.isPresent());
    return found;
  }

  /** The cached entry for {@code key}, not counted: for jobs that were counted already. */
  public Optional<byte[]> peek(ResultCacheKey key) {
    return enabled() ? read(key) : Optional.empty();
  }

  private Optional<byte[]> read(ResultCacheKey key) {
    try {
      byte[] stored = nearCacheOn() ? near.getIfPresent(key) : null;
      if (stored == null) {
        stored = cache.get(key);
        if (stored == null) {
          return Optional.empty();
        }
        keepNear(key, stored);
      }
      return Optional.of(stored);
    } catch (RuntimeException e) {
      log.warn("result cache lookup failed; computing instead", e);
      return Optional.empty();
    }
  }

  /**
   * The most compressed bytes an entry may take: page eviction can only make room for entries that
   * fit its pool of free pages.
   */
  public long maxEntryBytes() {
    return settings.maxEntryBytes();
  }

  /** Keeps an entry of at most {@link #maxEntryBytes()} for later jobs with the same key. */
  public void put(ResultCacheKey key, byte[] stored) {
    if (!enabled()) {
      return;
    }
    try {
      cache.put(key, stored);
      keepNear(key, stored);
    } catch (RuntimeException e) {
      log.warn("result cache store failed; the result is kept with its job only", e);
    }
  }

  /** Drops every entry of the document with this hash, whatever its options; returns how many. */
  public long invalidate(String sha256) {
    if (!enabled()) {
      return 0;
    }
    Set<ResultCacheKey> keys = new HashSet<>();
    try (QueryCursor<ResultCacheKey> found =
        cache.query(new ScanQuery<>(new SameDocument(sha256)), new KeyOnly())) {
      found.forEach(keys::add);
    }
    cache.removeAll(keys);
    invalidations.announce(sha256);
    return keys.size();
  }

  /** Drops every entry; returns how many there were. */
  public long invalidateAll() {
    if (!enabled()) {
      return 0;
    }
    long entries = cache.sizeLong(CachePeekMode.PRIMARY);
    cache.clear();
    invalidations.announce(ALL);
    return entries;
  }

  /**
   * Entries and bytes of the whole cache and this node's counters. Bytes are summed by a scan that
   * moves one number per entry, not the entries themselves.
   */
  public ResultCacheStats stats() {
    long hits = metrics.resultCacheHits();
    long misses = metrics.resultCacheMisses();
    if (!enabled()) {
      return new ResultCacheStats(
          false,
          0,
          0,
          0,
          hits,
          misses,
          ResultCacheStats.rate(hits, misses),
          new ResultCacheStats.NearCacheStats(0, 0, 0, 0, 0, 0));
    }
    long entries;
    long bytes = 0;
    try {
      entries = cache.sizeLong(CachePeekMode.PRIMARY);
      try (QueryCursor<Integer> sizes = cache.query(new ScanQuery<>(), new ValueSize())) {
        for (int size : sizes) {
          bytes += size;
        }
      }
    } catch (RuntimeException e) {
      log.warn("could not measure the result cache", e);
      entries = -1;
      bytes = -1;
    }
    CacheStats nearStats = near.stats();
    long nearBytes =
        near.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    return new ResultCacheStats(
        true,
        settings.ttl().toSeconds(),
        entries,
        bytes,
        hits,
        misses,
        ResultCacheStats.rate(hits, misses),
        new ResultCacheStats.NearCacheStats(
            near.estimatedSize(),
            nearBytes,
            settings.nearCacheBytes(),
            nearStats.hitCount(),
            nearStats.missCount(),
            nearStats.evictionCount()));
  }

  private boolean nearCacheOn() {
    return settings.nearCacheBytes() > 0;
  }

  private void keepNear(ResultCacheKey key, byte[] stored) {
    if (nearCacheOn()) {
      near.put(key, stored);
    }
  }

  private void forgetNear(String sha256) {
    if (ALL.equals(sha256)) {
      near.invalidateAll();
    } else {
      near.asMap().keySet().removeIf(key -> key.sha256().equals(sha256));
    }
  }

  @Override
  public void close() {
    if (invalidations != null) {
      invalidations.close();
    }
  }

  /** Runs on the nodes holding the entries: selects those of one document. */
  private static final class SameDocument implements IgniteBiPredicate<ResultCacheKey, byte[]> {
    private static final long serialVersionUID = 1L;
    private final String sha256;

    SameDocument(String sha256) {
      this.sha256 = sha256;
    }

    @Override
    public boolean apply(ResultCacheKey key, byte[] value) {
      return key.sha256().equals(sha256);
    }
  }

  /** Runs on the nodes holding the entries, so that only keys travel. */
  private static final class KeyOnly
      implements IgniteClosure<javax.cache.Cache.Entry<ResultCacheKey, byte[]>, ResultCacheKey> {
    private static final long serialVersionUID = 1L;

    @Override
    public ResultCacheKey apply(javax.cache.Cache.Entry<ResultCacheKey, byte[]> entry) {
      return entry.getKey();
    }
  }

  /** Runs on the nodes holding the entries, so that only sizes travel. */
  private static final class ValueSize
      implements IgniteClosure<javax.cache.Cache.Entry<ResultCacheKey, byte[]>, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer apply(javax.cache.Cache.Entry<ResultCacheKey, byte[]> entry) {
      return entry.getValue().length;
    }
  }
}
