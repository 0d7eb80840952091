package io.docgrid.api.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a credential may do. Wire names are part of the contract. */
public enum Scope {
  JOBS_WRITE("jobs:write"),
  JOBS_READ("jobs:read"),
  ADMIN("admin");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Scope> fromWire(String name) {
    return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
  }
}
