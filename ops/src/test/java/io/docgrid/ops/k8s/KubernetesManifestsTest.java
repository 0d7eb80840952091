package io.docgrid.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every overlay renders with kubectl kustomize, and every object it renders is schema-valid. */
class KubernetesManifestsTest {

  static final List<String> OVERLAYS = RenderedManifests.OVERLAYS;

  @BeforeAll
  static void kubectl() {
    assumeTrue(
        Kustomize.available(),
        "kubectl is not installed here: the Kubernetes manifests are checked where it is (CI)");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void overlay_renders_and_every_object_parses_strictly(String overlay) throws Exception {
    RenderedManifests manifests = RenderedManifests.overlay(overlay);

    assertThat(manifests.objects())
        .as("objects rendered by %s", overlay)
        .isNotEmpty()
        .allSatisfy(object -> assertThat(object.getMetadata().getName()).isNotBlank());
    assertThat(manifests.deployments()).isNotEmpty();
  }

  @Test
  void prometheus_adapter_configuration_renders() throws Exception {
    List<HasMetadata> objects =
        new KubernetesSchema()
            .parse(Kustomize.render(Kustomize.MANIFESTS.resolve("prometheus-adapter")));

    assertThat(objects)
        .extracting(object -> object.getMetadata().getName())
        .containsExactly("docgrid-prometheus-adapter");
  }

  @Test
  void a_field_the_schema_does_not_know_fails_the_parse() {
    String misspelt =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: docgrid-api}
        spec:
          selector: {matchLabels: {app: docgrid}}
          template:
            metadata: {labels: {app: docgrid}}
            spec:
              containers:
                - name: docgrid
                  image: docgrid/docgrid:0.1.0
                  readinesProbe: {httpGet: {path: /api/v1/ready, port: 8080}}
        """;

    assertThatThrownBy(() -> new KubernetesSchema().parse(misspelt))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("readinesProbe");
  }

  @Test
  void a_kind_without_a_schema_fails_the_parse() {
    String unknown = "apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: old}\n";

    assertThatThrownBy(() -> new KubernetesSchema().parse(unknown))
        .hasMessageContaining("no schema for apps/v1beta1/Deployment");
  }

  @Test
  void a_valid_object_parses_into_its_type() throws Exception {
    String valid =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: docgrid-api}
        spec:
          selector: {matchLabels: {app: docgrid}}
          template:
            metadata: {labels: {app: docgrid}}
            spec:
              containers: [{name: docgrid, image: docgrid/docgrid:0.1.0}]
        ---
        """;

    assertThat(new KubernetesSchema().parse(valid))
        .singleElement()
        .isInstanceOfSatisfying(
            Deployment.class,
            deployment ->
                assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
                    .hasSize(1));
  }
}
