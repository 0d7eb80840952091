package io.docgrid.api.cache;

import io.docgrid.tasks.grid.GridNames;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Which job computes a result right now, cluster-wide: the first of several identical jobs leads
 * and the others follow it, reusing its result instead of computing their own. Entries expire, so a
 * leader whose node died without saying so blocks nobody for long.
 */
public final class SingleFlight {

  private static final int ATTEMPTS = 3;

  private final IgniteCache<ResultCacheKey, UUID> leaders;

  public SingleFlight(Ignite ignite, Duration expiry) {
    this.leaders =
        ignite
            .getOrCreateCache(
                new CacheConfiguration<ResultCacheKey, UUID>(GridNames.IN_FLIGHT_CACHE)
                    .setCacheMode(CacheMode.PARTITIONED)
                    .setBackups(1)
                    .setAtomicityMode(CacheAtomicityMode.ATOMIC))
            .withExpiryPolicy(
                new CreatedExpiryPolicy(
                    new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, expiry.toMillis())));
  }

  /**
   * Makes {@code job} the leader for {@code key}, or returns the leader it should follow. A
   * recorded leader that {@code finished} says is done is replaced.
   */
  public Optional<UUID> leadOrFollow(ResultCacheKey key, UUID job, Predicate<UUID> finished) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      UUID leader = leaders.getAndPutIfAbsent(key, job);
      if (leader == null || leader.equals(job)) {
        return Optional.empty();
      }
      if (!finished.test(leader)) {
        return Optional.of(leader);
      }
      if (leaders.replace(key, leader, job)) {
        return Optional.empty();
      }
    }
    // Leaders come and go faster than we can look: computing once more is the safe way out.
    return Optional.empty();
  }

  /** {@code job} no longer leads {@code key}: the next identical job computes or hits the cache. */
  public void landed(ResultCacheKey key, UUID job) {
    leaders.remove(key, job);
  }
}
