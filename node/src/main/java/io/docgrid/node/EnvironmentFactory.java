package io.docgrid.node;

import io.docgrid.node.config.Environment;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Makes picocli's commands and mixins, handing the environment to those whose constructor takes it;
 * everything else picocli makes as it always does.
 */
final class EnvironmentFactory implements CommandLine.IFactory {

  private final Environment environment;

  EnvironmentFactory(Environment environment) {
    this.environment = environment;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      Class<?>[] parameters = constructor.getParameterTypes();
      if (parameters.length == 1 && parameters[0] == Environment.class) {
        constructor.setAccessible(true);
        return type.cast(constructor.newInstance(environment));
      }
    }
    return CommandLine.defaultFactory().create(type);
  }
}
