package io.docgrid.node.config;

import java.util.Map;
import java.util.Optional;

/**
 * The process environment, read once by {@code Main} and handed down to the options that need a
 * variable that is no flag (passwords, API keys), so that tests can supply their own.
 */
public record Environment(Map<String, String> variables) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The variable's value; empty when it is unset or set to nothing. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).filter(value -> !value.isEmpty());
  }
}
