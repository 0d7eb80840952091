package io.docgrid.ops.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads rendered manifests into fabric8's Kubernetes model, strictly: a field the schema does not
 * have fails, as {@code kubectl apply --validate=strict} would, where the model alone would keep it
 * aside in "additional properties" and pass it on to the API server.
 */
final class KubernetesSchema {

  /** The kinds the manifests may hold, by apiVersion and kind. */
  private static final Map<String, Class<? extends HasMetadata>> TYPES =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
          Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class));

  private final YAMLMapper yaml = new YAMLMapper();

  private final ObjectMapper strict =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .registerModule(
              new SimpleModule("no-additional-properties")
                  .setDeserializerModifier(new WithoutAnySetter()));

  /** Every document of a multi-document YAML stream, as its Kubernetes type. */
  List<HasMetadata> parse(String documents) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    try (var trees = yaml.readerFor(JsonNode.class).<JsonNode>readValues(documents)) {
      while (trees.hasNext()) {
        JsonNode tree = trees.next();
        if (tree == null || tree.isNull() || tree.isEmpty()) {
          continue;
        }
        objects.add(strict.treeToValue(tree, typeOf(tree)));
      }
    }
    return objects;
  }

  private static Class<? extends HasMetadata> typeOf(JsonNode tree) {
    String type = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
    Class<? extends HasMetadata> known = TYPES.get(type);
    if (known == null) {
      throw new IllegalArgumentException(
          "no schema for " + type + " (" + tree.path("metadata").path("name").asText() + ")");
    }
    return known;
  }

  /**
   * Takes away the catch-all setter of fabric8's types, so unknown fields reach Jackson's check.
   */
  private static final class WithoutAnySetter extends BeanDeserializerModifier {
    @Override
    public BeanDeserializerBuilder updateBuilder(
        DeserializationConfig config,
        BeanDescription description,
        BeanDeserializerBuilder builder) {
      if (description.getBeanClass().getName().startsWith("io.fabric8.")) {
        builder.setAnySetter(null);
      }
      return builder;
    }
  }
}
