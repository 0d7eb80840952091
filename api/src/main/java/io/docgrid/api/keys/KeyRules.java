package io.docgrid.api.keys;

/** Shared rules for names that people give keys. */
public final class KeyRules {

  public static final String NAME = "[\\p{L}\\p{N} ._:@/#+-]+";
  public static final String NAME_RULE =
      "may hold letters, digits, spaces and . _ : @ / # + - only";

  private KeyRules() {}
}
