package io.docgrid.api.limits;

import io.docgrid.api.auth.Principal;
import io.docgrid.api.auth.Tier;
import io.docgrid.tasks.grid.GridNames;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.ignite.Bucket4jIgnite;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Request rates and page quotas, counted in Bucket4j buckets that live in an Ignite cache: every
 * API node consumes from the same bucket, so a limit holds across the cluster. Buckets refill all
 * at once at the end of their window, which makes {@code remaining} and {@code reset} exact.
 */
public final class RateLimiter {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration HOUR = Duration.ofHours(1);

  private final ProxyManager<String> buckets;
  private final TierPolicy policy;

  public RateLimiter(Ignite ignite, TierPolicy policy) {
    this.policy = policy;
    IgniteCache<String, byte[]> cache = ignite.getOrCreateCache(cacheConfiguration());
    this.buckets = Bucket4jIgnite.thickClient().entryProcessorBasedBuilder(cache).build();
  }

  /** Counts one request of the caller against its tier's requests per minute. */
  public Allowance request(Principal caller) {
    long limit = policy.of(caller.tier()).requestsPerMinute();
    return consume("requests", "requests:" + caller.rateLimitKey(), limit, MINUTE, 1);
  }

  /** Takes {@code pages} from the caller's hourly page quota, or nothing if not enough is left. */
  public Allowance pages(Principal caller, long pages) {
    return pages(caller.rateLimitKey(), caller.tier(), pages);
  }

  /**
   * Takes {@code pages} from the hourly page quota counted against {@code rateLimitKey} (a {@link
   * Principal#rateLimitKey()}) at {@code tier}, or nothing if not enough is left.
   */
  public Allowance pages(String rateLimitKey, Tier tier, long pages) {
    long limit = policy.of(tier).pagesPerHour();
    return consume("pages", "pages:" + rateLimitKey, limit, HOUR, pages);
  }

  private Allowance consume(String name, String key, long limit, Duration window, long tokens) {
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, window))
            .build();
    ConsumptionProbe probe =
        buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(tokens);
    return new Allowance(
        name,
        limit,
        window.toSeconds(),
        probe.getRemainingTokens(),
        ceilSeconds(probe.getNanosToWaitForReset()),
        probe.isConsumed(),
        probe.isConsumed()
            ? 0
            : Math.min(
                window.toSeconds(), Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()))));
  }

  private static long ceilSeconds(long nanos) {
    if (nanos > Long.MAX_VALUE - TimeUnit.SECONDS.toNanos(1)) {
      return Long.MAX_VALUE / TimeUnit.SECONDS.toNanos(1);
    }
    return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }

  private static CacheConfiguration<String, byte[]> cacheConfiguration() {
    return new CacheConfiguration<String, byte[]>(GridNames.RATE_LIMIT_CACHE)
        .setCacheMode(CacheMode.PARTITIONED)
        .setAtomicityMode(CacheAtomicityMode.ATOMIC)
        .setBackups(1)
        // A bucket untouched for longer than its longest window is full: forget it.
        .setExpiryPolicyFactory(
            ModifiedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.HOURS, 2)));
  }
}
