package io.docgrid.api.health;

import io.javalin.openapi.OpenApiName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The components a node needs before it should take traffic, each checked on demand. */
public final class Readiness {

  /** One component's state: {@code up} and a short, client-safe description. */
  public record ComponentState(boolean up, String detail) {
    public static ComponentState up(String detail) {
      return new ComponentState(true, detail);
    }

    public static ComponentState down(String detail) {
      return new ComponentState(false, detail);
    }

    public static ComponentState of(boolean up, String detail) {
      return new ComponentState(up, detail);
    }
  }

  public record Check(String name, Supplier<ComponentState> probe) {}

  @OpenApiName("Readiness")
  public record Report(boolean ready, Map<String, ComponentState> components) {}

  private final List<Check> checks;

  public Readiness(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  public Report check() {
    Map<String, ComponentState> states = new LinkedHashMap<>();
    boolean ready = true;
    for (Check check : checks) {
      ComponentState state;
      try {
        state = check.probe().get();
      } catch (RuntimeException e) {
        state = ComponentState.down("check failed");
      }
      states.put(check.name(), state);
      ready &= state.up();
    }
    return new Report(ready, states);
  }
}
