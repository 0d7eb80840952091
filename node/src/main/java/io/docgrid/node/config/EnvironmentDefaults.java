package io.docgrid.node.config;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every option its environment twin by one rule, {@code --db-url} ⇔ {@code DOCGRID_DB_URL},
 * so no option can forget it. Flags win over the environment; the environment wins over defaults.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

  public static final String PREFIX = "DOCGRID_";

  private final Map<String, String> environment;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static String variableFor(String longOption) {
    String bare = longOption.replaceFirst("^--", "");
    return PREFIX + bare.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The twin of an option, by its longest name. */
  public static String variableFor(OptionSpec option) {
    return variableFor(option.longestName());
  }

  /**
   * How a message names a setting: {@code --db-url (DOCGRID_DB_URL)}, the flag with its twin, so
   * that an operator who set either one recognises it.
   */
  public static String setting(String longOption) {
    return longOption + " (" + variableFor(longOption) + ")";
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = environment.get(variableFor(option));
    return value == null || value.isEmpty() ? null : value;
  }
}
