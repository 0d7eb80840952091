package io.docgrid.tasks.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks which waiting grid job runs next so that tenants share a node's slots in proportion to
 * their weights, whatever they have queued: start-time fair queueing over tenants. Each tenant has
 * a virtual finish tag that advances by {@code 1 / weight} per job started; the waiting job whose
 * tenant would start earliest goes first, ties to the higher priority, then to the earlier arrival.
 * A tenant that was idle starts at the current virtual time, so it gets its share at once but no
 * credit for the time it was away. Not thread-safe: one per node, called under its lock.
 */
public final class FairShare {

  /** A job waiting for a slot. */
  public record Candidate<T>(T job, String tenant, int weight, int priority) {

    public Candidate {
      if (weight < 1) {
        throw new IllegalArgumentException("weight must be at least 1, got " + weight);
      }
    }
  }

  private final Map<String, Double> finishTags = new HashMap<>();
  private double virtualTime;

  /** The candidate to start next, from {@code waiting} in arrival order; null if none. */
  public <T> Candidate<T> next(List<Candidate<T>> waiting) {
    Candidate<T> best = null;
    double bestStart = Double.MAX_VALUE;
    for (Candidate<T> candidate : waiting) {
      double start = startTag(candidate.tenant());
      if (start < bestStart || start == bestStart && candidate.priority() > best.priority()) {
        best = candidate;
        bestStart = start;
      }
    }
    return best;
  }

  /** Records that {@code candidate} started. */
  public void started(Candidate<?> candidate) {
    double start = startTag(candidate.tenant());
    virtualTime = start;
    finishTags.put(candidate.tenant(), start + 1.0 / candidate.weight());
    // Tenants whose tag the clock has passed are idle: forgetting them changes no decision.
    finishTags.values().removeIf(tag -> tag <= virtualTime);
  }

  /** How many tenants are remembered: bounded by those recently served. */
  int trackedTenants() {
    return finishTags.size();
  }

  private double startTag(String tenant) {
    return Math.max(virtualTime, finishTags.getOrDefault(tenant, 0.0));
  }
}
