package io.docgrid.ops.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one kustomization renders to, read strictly, with the look-ups the tests need. */
record RenderedManifests(String name, List<HasMetadata> objects) {

  /** The overlays under ops/k8s/overlays. */
  static final List<String> OVERLAYS = List.of("dev", "prod", "gpu");

  static RenderedManifests overlay(String overlay) throws IOException, InterruptedException {
    Path directory = Kustomize.MANIFESTS.resolve("overlays").resolve(overlay);
    return new RenderedManifests(
        overlay, new KubernetesSchema().parse(Kustomize.render(directory)));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> named(Class<T> type, String objectName) {
    return all(type).stream()
        .filter(object -> object.getMetadata().getName().equals(objectName))
        .findFirst();
  }

  List<Deployment> deployments() {
    return all(Deployment.class);
  }

  /**
   * The container's environment as the kubelet builds it: the ConfigMaps of {@code envFrom} first,
   * then {@code env}, which wins. Values from a ConfigMap come back as plain values.
   */
  Map<String, EnvVar> environment(Container container) {
    Map<String, EnvVar> variables = new LinkedHashMap<>();
    for (EnvFromSource source : container.getEnvFrom()) {
      if (source.getSecretRef() != null) {
        throw new AssertionError(
            container.getName() + " takes a whole Secret into its environment; name each key");
      }
      String configMapName = source.getConfigMapRef().getName();
      ConfigMap configMap =
          named(ConfigMap.class, configMapName)
              .orElseThrow(() -> new AssertionError("no ConfigMap " + configMapName));
      configMap.getData().forEach((key, value) -> variables.put(key, new EnvVar(key, value, null)));
    }
    container.getEnv().forEach(variable -> variables.put(variable.getName(), variable));
    return variables;
  }

  /** A variable's plain value, or the default when it is unset or not a plain value. */
  String value(Container container, String variable, String defaultValue) {
    EnvVar set = environment(container).get(variable);
    return set == null || set.getValue() == null ? defaultValue : set.getValue();
  }

  /** Where a variable comes from when it is not a plain value. */
  Optional<EnvVarSource> source(Container container, String variable) {
    return Optional.ofNullable(environment(container).get(variable)).map(EnvVar::getValueFrom);
  }

  /** Whether a label selector picks pods with these labels. */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    boolean labelsMatch =
        selector.getMatchLabels() == null
            || selector.getMatchLabels().entrySet().stream()
                .allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    return labelsMatch
        && selector.getMatchExpressions().stream()
            .allMatch(expression -> satisfies(expression, labels));
  }

  private static boolean satisfies(
      LabelSelectorRequirement expression, Map<String, String> labels) {
    String value = labels.get(expression.getKey());
    return switch (expression.getOperator()) {
      case "In" -> value != null && expression.getValues().contains(value);
      case "NotIn" -> value == null || !expression.getValues().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new AssertionError("unknown selector operator " + expression.getOperator());
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
