package io.docgrid.api.auth;

/**
 * Who may call a route: anyone ({@link #PUBLIC}), any authenticated caller ({@link #ANY_CALLER}),
 * or callers holding a scope. Authenticated routes are also rate-limited.
 */
public record Access(boolean authenticated, Scope scope) {

  public static final Access PUBLIC = new Access(false, null);
  public static final Access ANY_CALLER = new Access(true, null);

  public static Access requires(Scope scope) {
    return new Access(true, scope);
  }
}
