package io.docgrid.ops.k8s;

import io.docgrid.node.config.EnvironmentDefaults;
import java.lang.reflect.Field;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The environment variables a {@code docgrid} command reads: the twin of each of its options (found
 * in its picocli annotations, mixins included) and the settings that are never flags.
 */
final class CommandSettings {

  /**
   * Secrets and logging, which the settings tables of docs/configuration.md list without a flag
   * ("—").
   */
  private static final Set<String> NOT_FLAGS_EVERY_NODE =
      Set.of(
          "DOCGRID_S3_ACCESS_KEY_ID",
          "DOCGRID_S3_SECRET_ACCESS_KEY",
          "DOCGRID_GRID_TLS_KEYSTORE_PASSWORD",
          "DOCGRID_GRID_TLS_TRUSTSTORE_PASSWORD",
          "DOCGRID_LOG_FORMAT",
          "DOCGRID_LOG_LEVEL");

  private static final Set<String> NOT_FLAGS_SERVE =
      Set.of("DOCGRID_DB_PASSWORD", "DOCGRID_TLS_KEYSTORE_PASSWORD");

  private CommandSettings() {}

  /** The variables {@code docgrid <command>} reads; {@code command} is serve or worker. */
  static Set<String> of(String command) {
    Set<String> variables = new TreeSet<>(NOT_FLAGS_EVERY_NODE);
    switch (command) {
      case "serve" -> {
        collect(commandClass("ServeCommand"), variables);
        variables.addAll(NOT_FLAGS_SERVE);
      }
      case "worker" -> collect(commandClass("WorkerCommand"), variables);
      default -> throw new IllegalArgumentException("not a node command: " + command);
    }
    return variables;
  }

  // The command classes are package-private in the node module; their annotations are public.
  private static Class<?> commandClass(String simpleName) {
    try {
      return Class.forName("io.docgrid.node." + simpleName);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the node module has no " + simpleName, e);
    }
  }

  private static void collect(Class<?> options, Set<String> variables) {
    for (Class<?> type = options; type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        Option option = field.getAnnotation(Option.class);
        if (option != null) {
          variables.add(EnvironmentDefaults.variableFor(longest(option.names())));
        }
        if (field.isAnnotationPresent(Mixin.class)) {
          collect(field.getType(), variables);
        }
      }
    }
  }

  /** The name picocli's default provider looks up: the longest of the option's names. */
  private static String longest(String[] names) {
    String longest = names[0];
    for (String name : names) {
      if (name.length() > longest.length()) {
        longest = name;
      }
    }
    return longest;
  }
}
