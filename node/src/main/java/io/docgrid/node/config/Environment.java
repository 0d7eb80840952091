package io.docgrid.node.config;

import java.util.Map;

/**
 * The process environment, read once by {@code Main} and handed down to the options that need a
 * variable that is no flag (passwords, API keys: see {@link Secrets}), so that tests can supply
 * their own.
 */
public record Environment(Map<String, String> variables) {

  public Environment {
    variables = Map.copyOf(variables);
  }
}
