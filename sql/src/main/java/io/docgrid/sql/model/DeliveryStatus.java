package io.docgrid.sql.model;

import java.util.Locale;

/** Where a webhook delivery stands: waiting for a (next) try, delivered, or given up. */
public enum DeliveryStatus {
  PENDING,
  SUCCEEDED,
  DEAD;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
