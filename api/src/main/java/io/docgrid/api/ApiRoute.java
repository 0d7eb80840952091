package io.docgrid.api;

import io.docgrid.api.auth.Access;

/**
 * One route the API answers and who may call it, as registered in {@link ApiServer}: the one table
 * the OpenAPI description takes each operation's security from.
 *
 * @param method the HTTP method, upper case
 * @param path the path with its parameters in braces
 */
public record ApiRoute(String method, String path, Access access) {

  /** "METHOD /path". */
  public String name() {
    return method + " " + path;
  }
}
