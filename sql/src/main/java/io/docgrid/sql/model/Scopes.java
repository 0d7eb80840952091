package io.docgrid.sql.model;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Checks and copies the scopes of an API key, which are stored separated by spaces. */
final class Scopes {

  private static final Pattern SCOPE = Pattern.compile("\\S+");

  private Scopes() {}

  /**
   * An immutable, sorted copy of {@code scopes}.
   *
   * @throws IllegalArgumentException if a scope is empty or holds whitespace: it would not read
   *     back as the same scope from the stored form
   */
  static Set<String> copyOf(Set<String> scopes) {
    Objects.requireNonNull(scopes, "scopes");
    TreeSet<String> sorted = new TreeSet<>();
    for (String scope : scopes) {
      if (scope == null || !SCOPE.matcher(scope).matches()) {
        throw new IllegalArgumentException(
            "A scope must be a non-empty word without whitespace, was '" + scope + "'");
      }
      sorted.add(scope);
    }
    return Collections.unmodifiableSortedSet(sorted);
  }
}
