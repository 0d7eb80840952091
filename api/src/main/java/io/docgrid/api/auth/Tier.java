package io.docgrid.api.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * A service level: FREE for anonymous callers (when allowed), STANDARD for API keys by default,
 * OAUTH for bearer tokens from the configured issuer, ENTERPRISE for keys an admin grants it to.
 */
public enum Tier {
  FREE,
  STANDARD,
  OAUTH,
  ENTERPRISE;

  public static Optional<Tier> fromWire(String name) {
    return Arrays.stream(values()).filter(tier -> tier.name().equals(name)).findFirst();
  }
}
