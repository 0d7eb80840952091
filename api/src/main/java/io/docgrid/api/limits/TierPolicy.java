package io.docgrid.api.limits;

import io.docgrid.api.auth.Tier;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The limits of every tier: documented defaults, each of which configuration can override. */
public final class TierPolicy {

  private static final long MIB = 1024L * 1024;

  private final Map<Tier, TierLimits> limits;

  public TierPolicy(Map<Tier, TierLimits> limits) {
    for (Tier tier : Tier.values()) {
      if (!limits.containsKey(tier)) {
        throw new IllegalArgumentException("no limits for tier " + tier);
      }
    }
    this.limits = Map.copyOf(limits);
  }

  /** The defaults, as documented in docs/api.md's tier table. */
  public static TierPolicy defaults() {
    Map<Tier, TierLimits> limits = new EnumMap<>(Tier.class);
    limits.put(Tier.FREE, new TierLimits(10, 100, 10 * MIB, 50, 2, 1, Duration.ofDays(1)));
    limits.put(
        Tier.STANDARD, new TierLimits(120, 2_000, 100 * MIB, 500, 10, 5, Duration.ofDays(7)));
    limits.put(Tier.OAUTH, new TierLimits(120, 2_000, 100 * MIB, 500, 10, 5, Duration.ofDays(7)));
    limits.put(
        Tier.ENTERPRISE,
        new TierLimits(1_200, 50_000, 500 * MIB, 2_000, 100, 10, Duration.ofDays(30)));
    return new TierPolicy(limits);
  }

  public TierLimits of(Tier tier) {
    return limits.get(tier);
  }

  @Override
  public String toString() {
    return "TierPolicy" + new java.util.TreeMap<>(limits);
  }

  /** This policy with one tier's limits replaced. */
  public TierPolicy with(Tier tier, TierLimits replacement) {
    Map<Tier, TierLimits> changed = new EnumMap<>(limits);
    changed.put(tier, replacement);
    return new TierPolicy(changed);
  }
}
