package io.docgrid.ops.k8s;

import static io.docgrid.ops.k8s.RenderedManifests.selects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docgrid.node.config.Durations;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What every overlay must hold to, for every Deployment and container in it: the security, health,
 * sizing, secret, scheduling, network and autoscaling rules of docs/deployment.md.
 */
class KubernetesPolicyTest {

  static final List<String> OVERLAYS = RenderedManifests.OVERLAYS;

  private static final String DATA_DIR = "/var/lib/docgrid";
  private static final Pattern SECRET_VARIABLE =
      Pattern.compile("DOCGRID_.*(PASSWORD|SECRET|ACCESS_KEY).*");
  private static final String GPU = "nvidia.com/gpu";
  private static final String QUEUE_METRIC = "docgrid_jobs_queued";

  /** Each overlay rendered once for all the tests. */
  private static final Map<String, RenderedManifests> rendered = new HashMap<>();

  @BeforeAll
  static void render() throws Exception {
    assumeTrue(
        Kustomize.available(),
        "kubectl is not installed here: the Kubernetes manifests are checked where it is (CI)");
    for (String overlay : OVERLAYS) {
      rendered.put(overlay, RenderedManifests.overlay(overlay));
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void every_container_runs_unprivileged_on_a_read_only_root(String overlay) throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    for (Deployment deployment : manifests.deployments()) {
      PodSpec pod = pod(deployment);
      PodSecurityContext podSecurity = pod.getSecurityContext();
      assertThat(podSecurity).as("%s pod securityContext", name(deployment)).isNotNull();
      assertThat(podSecurity.getRunAsUser()).as("%s runAsUser", name(deployment)).isPositive();
      assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      for (Container container : pod.getContainers()) {
        String where = name(deployment) + "/" + container.getName();
        SecurityContext security = container.getSecurityContext();
        assertThat(security).as("%s securityContext", where).isNotNull();
        assertThat(security.getRunAsNonRoot()).as("%s runAsNonRoot", where).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).as("%s readOnlyRoot", where).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).as("%s escalation", where).isFalse();
        assertThat(security.getPrivileged()).as("%s privileged", where).isNotEqualTo(true);
        assertThat(security.getCapabilities().getDrop()).as("%s drops", where).contains("ALL");
        assertThat(security.getCapabilities().getAdd()).as("%s adds", where).isEmpty();
        // With the root read-only, the data directory and /tmp must be writable volumes.
        assertThat(mountedFromEmptyDir(pod, container))
            .as("%s writable mounts", where)
            .contains(DATA_DIR, "/tmp");
        assertThat(manifests.value(container, "DOCGRID_DATA_DIR", null)).isEqualTo(DATA_DIR);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void every_container_requests_and_limits_cpu_and_memory(String overlay) throws Exception {
    for (Deployment deployment : rendered.get(overlay).deployments()) {
      for (Container container : pod(deployment).getContainers()) {
        var resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
          Quantity requested = resources.getRequests().get(resource);
          Quantity limit = resources.getLimits().get(resource);
          assertThat(requested).as("%s requests %s", name(deployment), resource).isNotNull();
          assertThat(limit).as("%s limits %s", name(deployment), resource).isNotNull();
          assertThat(requested.getNumericalAmount())
              .as("%s %s request within its limit", name(deployment), resource)
              .isLessThanOrEqualTo(limit.getNumericalAmount());
        }
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void every_container_is_probed_on_health_and_readiness_of_the_port_it_serves(String overlay)
      throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    for (Deployment deployment : manifests.deployments()) {
      for (Container container : pod(deployment).getContainers()) {
        String where = name(deployment) + "/" + container.getName();
        int served =
            switch (command(container)) {
              case "serve" -> Integer.parseInt(manifests.value(container, "DOCGRID_PORT", "8080"));
              case "worker" ->
                  Integer.parseInt(manifests.value(container, "DOCGRID_STATUS_PORT", "9464"));
              default -> throw new AssertionError(where + " runs " + command(container));
            };
        assertThat(probe(container, container.getStartupProbe(), where + " startup"))
            .isEqualTo(new Probed("/api/v1/health", served));
        assertThat(probe(container, container.getLivenessProbe(), where + " liveness"))
            .isEqualTo(new Probed("/api/v1/health", served));
        assertThat(probe(container, container.getReadinessProbe(), where + " readiness"))
            .isEqualTo(new Probed("/api/v1/ready", served));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void pods_get_longer_to_stop_than_the_shutdown_grace(String overlay) throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    for (Deployment deployment : manifests.deployments()) {
      PodSpec pod = pod(deployment);
      for (Container container : pod.getContainers()) {
        Duration grace =
            Durations.parse(manifests.value(container, "DOCGRID_SHUTDOWN_GRACE", "30s"));
        long preStop =
            Optional.ofNullable(container.getLifecycle())
                .map(lifecycle -> lifecycle.getPreStop())
                .map(handler -> handler.getSleep())
                .map(sleep -> sleep.getSeconds())
                .orElse(0L);
        assertThat(pod.getTerminationGracePeriodSeconds())
            .as(
                "%s terminationGracePeriodSeconds against %s grace and %ds preStop",
                name(deployment), grace, preStop)
            .isGreaterThan(grace.toSeconds() + preStop);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void secrets_are_referenced_never_written_down(String overlay) throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    assertThat(manifests.all(Secret.class)).as("Secrets in %s", overlay).isEmpty();
    for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
      assertThat(configMap.getData().keySet())
          .as("secret settings in ConfigMap %s", name(configMap))
          .noneMatch(key -> SECRET_VARIABLE.matcher(key).matches() && !key.endsWith("_FILE"));
    }
    for (Deployment deployment : manifests.deployments()) {
      PodSpec pod = pod(deployment);
      for (Container container : pod.getContainers()) {
        for (EnvVar variable : manifests.environment(container).values()) {
          String variableName = variable.getName();
          if (variableName.endsWith("_FILE")) {
            assertThat(mountedFromSecret(pod, container))
                .as("%s: %s names a file from a Secret", name(deployment), variableName)
                .anyMatch(mount -> variable.getValue().startsWith(mount + "/"));
          } else if (SECRET_VARIABLE.matcher(variableName).matches()) {
            assertThat(variable.getValue()).as("%s is written down", variableName).isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef())
                .as("%s comes from a Secret", variableName)
                .isNotNull();
          }
        }
        // The grid's key and trust stores are files from a Secret too.
        for (String store : List.of("DOCGRID_GRID_TLS_KEYSTORE", "DOCGRID_GRID_TLS_TRUSTSTORE")) {
          String path = manifests.value(container, store, null);
          if (path != null) {
            assertThat(mountedFromSecret(pod, container)).anyMatch(m -> path.startsWith(m + "/"));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void every_variable_set_is_a_setting_of_the_command_it_runs(String overlay) throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    for (Deployment deployment : manifests.deployments()) {
      for (Container container : pod(deployment).getContainers()) {
        assertThat(manifests.environment(container).keySet())
            .as(
                "%s: variables that `docgrid %s` does not read",
                name(deployment), command(container))
            .isSubsetOf(CommandSettings.of(command(container)));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void nodes_find_each_other_through_a_headless_service_with_endpoint_reading_rights(String overlay)
      throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    for (Deployment deployment : manifests.deployments()) {
      PodSpec pod = pod(deployment);
      Map<String, String> labels = labels(deployment);
      for (Container container : pod.getContainers()) {
        assertThat(manifests.value(container, "DOCGRID_DISCOVERY", null)).isEqualTo("kubernetes");
        assertThat(manifests.source(container, "DOCGRID_BIND_ADDRESS"))
            .map(source -> source.getFieldRef().getFieldPath())
            .contains("status.podIP");
        assertThat(manifests.source(container, "DOCGRID_K8S_NAMESPACE"))
            .map(source -> source.getFieldRef().getFieldPath())
            .contains("metadata.namespace");
        String serviceName = manifests.value(container, "DOCGRID_K8S_SERVICE", null);
        Service grid =
            manifests
                .named(Service.class, String.valueOf(serviceName))
                .orElseThrow(
                    () ->
                        new AssertionError(name(deployment) + ": no grid service " + serviceName));
        assertThat(grid.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(grid.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(labels).containsAllEntriesOf(grid.getSpec().getSelector());
      }
      String account = pod.getServiceAccountName();
      assertThat(manifests.all(RoleBinding.class))
          .as("%s: a RoleBinding for its service account %s", name(deployment), account)
          .anySatisfy(
              binding -> {
                assertThat(binding.getSubjects())
                    .anyMatch(
                        subject ->
                            subject.getKind().equals("ServiceAccount")
                                && subject.getName().equals(account));
                assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
                assertThat(manifests.named(Role.class, binding.getRoleRef().getName())).isPresent();
              });
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void roles_grant_get_and_list_on_endpoints_only(String overlay) throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    assertThat(manifests.all(ClusterRole.class)).isEmpty();
    assertThat(manifests.all(ClusterRoleBinding.class)).isEmpty();
    assertThat(manifests.all(Role.class)).isNotEmpty();
    for (Role role : manifests.all(Role.class)) {
      assertThat(role.getRules())
          .as("rules of Role %s", name(role))
          .allSatisfy(
              rule -> {
                assertThat(rule.getApiGroups()).containsExactly("");
                assertThat(rule.getResources()).containsExactly("endpoints");
                assertThat(rule.getVerbs()).isNotEmpty().isSubsetOf("get", "list");
              });
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void every_deployment_has_a_disruption_budget_and_spreads_over_nodes(String overlay)
      throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    for (Deployment deployment : manifests.deployments()) {
      Map<String, String> labels = labels(deployment);
      assertThat(manifests.all(PodDisruptionBudget.class))
          .as("a PodDisruptionBudget for %s", name(deployment))
          .anyMatch(budget -> selects(budget.getSpec().getSelector(), labels));
      assertThat(pod(deployment).getTopologySpreadConstraints())
          .as("%s spreads over hosts", name(deployment))
          .anyMatch(
              spread ->
                  spread.getTopologyKey().equals("kubernetes.io/hostname")
                      && selects(spread.getLabelSelector(), labels));
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void deployments_roll_without_losing_capacity_except_the_single_dev_pod(String overlay) {
    for (Deployment deployment : rendered.get(overlay).deployments()) {
      var strategy = deployment.getSpec().getStrategy();
      if (overlay.equals("dev")) {
        assertThat(strategy.getType())
            .as("the one dev pod on its embedded database")
            .isEqualTo("Recreate");
        continue;
      }
      assertThat(strategy.getType()).as("%s strategy", name(deployment)).isEqualTo("RollingUpdate");
      assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal())
          .as("%s: a new pod is ready before an old one stops", name(deployment))
          .isZero();
      assertThat(strategy.getRollingUpdate().getMaxSurge().getIntVal()).isPositive();
      assertThat(deployment.getSpec().getMinReadySeconds())
          .as("%s: a pod that fails soon after joining halts the rollout", name(deployment))
          .isPositive();
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void network_policies_admit_grid_peers_and_api_clients_only(String overlay) throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
    for (Deployment deployment : manifests.deployments()) {
      Map<String, String> labels = labels(deployment);
      assertThat(policies)
          .as("%s is covered by a NetworkPolicy", name(deployment))
          .anyMatch(policy -> selects(policy.getSpec().getPodSelector(), labels));
      // The grid's ports: from pods of the grid, and from nowhere else.
      for (NetworkPolicy policy : policies) {
        if (!selects(policy.getSpec().getPodSelector(), labels)) {
          continue;
        }
        for (var rule : policy.getSpec().getIngress()) {
          assertThat(rule.getFrom()).as("%s admits anyone", name(policy)).isNotEmpty();
          assertThat(rule.getPorts()).as("%s opens every port", name(policy)).isNotEmpty();
          boolean gridPorts = rule.getPorts().stream().anyMatch(KubernetesPolicyTest::isGridPort);
          if (gridPorts) {
            assertThat(rule.getFrom())
                .as("%s: grid ports from grid peers only", name(policy))
                .allMatch(
                    peer ->
                        peer.getNamespaceSelector() == null
                            && peer.getIpBlock() == null
                            && selects(peer.getPodSelector(), labels));
          }
        }
      }
      assertThat(policies)
          .as("%s admits its grid peers", name(deployment))
          .anyMatch(
              policy ->
                  selects(policy.getSpec().getPodSelector(), labels)
                      && policy.getSpec().getIngress().stream()
                          .anyMatch(
                              rule ->
                                  rule.getPorts().stream()
                                      .anyMatch(KubernetesPolicyTest::isGridPort)));
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void the_api_is_served_over_tls_through_an_ingress(String overlay) throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    assertThat(manifests.all(Ingress.class)).as("Ingresses in %s", overlay).hasSize(1);
    Ingress ingress = manifests.all(Ingress.class).get(0);
    assertThat(ingress.getSpec().getTls()).isNotEmpty();
    for (var rule : ingress.getSpec().getRules()) {
      assertThat(ingress.getSpec().getTls())
          .as("a certificate for %s", rule.getHost())
          .anyMatch(tls -> tls.getSecretName() != null && tls.getHosts().contains(rule.getHost()));
      for (var path : rule.getHttp().getPaths()) {
        String serviceName = path.getBackend().getService().getName();
        Service service = manifests.named(Service.class, serviceName).orElseThrow();
        assertThat(manifests.deployments())
            .as("Service %s reaches `docgrid serve` pods", serviceName)
            .anyMatch(
                deployment ->
                    command(pod(deployment).getContainers().get(0)).equals("serve")
                        && labels(deployment)
                            .entrySet()
                            .containsAll(service.getSpec().getSelector().entrySet()));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void api_scales_on_cpu_and_workers_on_the_queue(String overlay) throws Exception {
    RenderedManifests manifests = rendered.get(overlay);
    for (Deployment deployment : manifests.deployments()) {
      Container container = pod(deployment).getContainers().get(0);
      Optional<HorizontalPodAutoscaler> autoscaler = autoscalerOf(manifests, deployment);
      boolean embeddedDatabase = manifests.value(container, "DOCGRID_DB_URL", null) == null;
      if (command(container).equals("serve") && embeddedDatabase) {
        // The embedded database lives in one process: one pod, replaced, never scaled.
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(autoscaler).as("autoscaler of %s", name(deployment)).isEmpty();
      } else if (command(container).equals("serve")) {
        assertThat(autoscaler).as("autoscaler of %s", name(deployment)).isPresent();
        assertThat(autoscaler.get().getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.get().getSpec().getMetrics())
            .singleElement()
            .satisfies(
                metric -> {
                  assertThat(metric.getType()).isEqualTo("Resource");
                  assertThat(metric.getResource().getName()).isEqualTo("cpu");
                });
      } else {
        assertThat(autoscaler).as("autoscaler of %s", name(deployment)).isPresent();
        assertThat(autoscaler.get().getSpec().getMinReplicas()).isGreaterThanOrEqualTo(1);
        assertThat(autoscaler.get().getSpec().getMetrics())
            .singleElement()
            .extracting(KubernetesPolicyTest::externalMetricName)
            .isEqualTo(QUEUE_METRIC);
      }
    }
  }

  @Test
  void the_gpu_overlay_runs_gpu_workers_on_gpu_nodes() throws Exception {
    RenderedManifests manifests = rendered.get("gpu");
    List<Deployment> gpuWorkers =
        manifests.deployments().stream().filter(KubernetesPolicyTest::asksForGpus).toList();

    assertThat(gpuWorkers).isNotEmpty();
    for (Deployment deployment : gpuWorkers) {
      PodSpec pod = pod(deployment);
      Container container = pod.getContainers().get(0);
      assertThat(container.getResources().getLimits()).containsKey(GPU);
      assertThat(pod.getNodeSelector()).as("%s nodeSelector", name(deployment)).isNotEmpty();
      assertThat(pod.getTolerations())
          .as("%s tolerates the GPU taint", name(deployment))
          .anyMatch(toleration -> GPU.equals(toleration.getKey()));
      // docs/configuration.md, "GPU nodes": the CUDA stages serve documents extracted in the node's
      // own JVM.
      assertThat(manifests.value(container, "DOCGRID_GPU", null)).isEqualTo("on");
      assertThat(manifests.value(container, "DOCGRID_ISOLATION", null)).isEqualTo("none");
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void only_gpu_workers_ask_for_gpus(String overlay) throws Exception {
    for (Deployment deployment : rendered.get(overlay).deployments()) {
      if (!asksForGpus(deployment)) {
        assertThat(pod(deployment).getNodeSelector()).doesNotContainKey("nvidia.com/gpu.present");
      }
    }
    assertThat(
            rendered.get(overlay).deployments().stream()
                .anyMatch(KubernetesPolicyTest::asksForGpus))
        .isEqualTo(overlay.equals("gpu"));
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void images_are_pinned_to_a_version(String overlay) throws Exception {
    for (Deployment deployment : rendered.get(overlay).deployments()) {
      for (Container container : pod(deployment).getContainers()) {
        assertThat(container.getImage())
            .as("image of %s", name(deployment))
            .startsWith("docgrid/docgrid:")
            .doesNotEndWith(":latest");
      }
    }
  }

  private record Probed(String path, int port) {}

  /** The path and port number an HTTP probe checks, its named port resolved. */
  private static Probed probe(Container container, Probe probe, String what) {
    assertThat(probe).as(what).isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    assertThat(get).as(what + " over HTTP").isNotNull();
    var port = get.getPort();
    int number =
        port.getIntVal() != null
            ? port.getIntVal()
            : container.getPorts().stream()
                .filter(declared -> port.getStrVal().equals(declared.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError(what + ": no port " + port.getStrVal()));
    return new Probed(get.getPath(), number);
  }

  private static boolean isGridPort(NetworkPolicyPort port) {
    Integer first = port.getPort() == null ? null : port.getPort().getIntVal();
    return first != null && (first == 47500 || first == 47100);
  }

  private static Optional<HorizontalPodAutoscaler> autoscalerOf(
      RenderedManifests manifests, Deployment deployment) {
    return manifests.all(HorizontalPodAutoscaler.class).stream()
        .filter(hpa -> hpa.getSpec().getScaleTargetRef().getKind().equals("Deployment"))
        .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(name(deployment)))
        .findFirst();
  }

  private static String externalMetricName(MetricSpec metric) {
    assertThat(metric.getType()).isEqualTo("External");
    return metric.getExternal().getMetric().getName();
  }

  private static boolean asksForGpus(Deployment deployment) {
    return pod(deployment).getContainers().stream()
        .anyMatch(
            container ->
                container.getResources().getRequests().containsKey(GPU)
                    || container.getResources().getLimits().containsKey(GPU));
  }

  private static Set<String> mountedFromEmptyDir(PodSpec pod, Container container) {
    return mountPaths(pod, container, volume -> volume.getEmptyDir() != null, false);
  }

  private static Set<String> mountedFromSecret(PodSpec pod, Container container) {
    return mountPaths(pod, container, volume -> volume.getSecret() != null, true);
  }

  private static Set<String> mountPaths(
      PodSpec pod, Container container, Predicate<Volume> kind, boolean readOnly) {
    Set<String> volumes =
        pod.getVolumes().stream().filter(kind).map(Volume::getName).collect(Collectors.toSet());
    return container.getVolumeMounts().stream()
        .filter(mount -> volumes.contains(mount.getName()))
        .filter(mount -> !readOnly || Boolean.TRUE.equals(mount.getReadOnly()))
        .map(VolumeMount::getMountPath)
        .collect(Collectors.toSet());
  }

  /**
   * The node command a container runs: its first argument, the image's entrypoint being docgrid.
   */
  private static String command(Container container) {
    assertThat(container.getArgs()).as("%s args", container.getName()).isNotEmpty();
    return container.getArgs().get(0);
  }

  private static PodSpec pod(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec();
  }

  private static Map<String, String> labels(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getLabels();
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }
}
