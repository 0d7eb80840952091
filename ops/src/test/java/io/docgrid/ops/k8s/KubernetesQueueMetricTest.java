package io.docgrid.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.sql.model.JobStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workers' autoscalers, the prometheus-adapter rule shipped beside them and the metric the API
 * publishes agree: the external metric the autoscalers ask for is one the rule serves, from a
 * series the API really exposes.
 */
class KubernetesQueueMetricTest {

  private static final Pattern SERIES = Pattern.compile("(\\w+)\\{(.*)}");
  private static final Pattern EQUALS = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private static JsonNode externalRules;

  @BeforeAll
  static void adapterRules() throws Exception {
    assumeTrue(
        Kustomize.available(),
        "kubectl is not installed here: the Kubernetes manifests are checked where it is (CI)");
    ConfigMap adapter =
        (ConfigMap)
            new KubernetesSchema()
                .parse(Kustomize.render(Kustomize.MANIFESTS.resolve("prometheus-adapter")))
                .get(0);
    externalRules =
        new YAMLMapper().readTree(adapter.getData().get("config.yaml")).path("externalRules");
  }

  @Test
  void every_external_metric_an_autoscaler_asks_for_is_served_by_the_adapter() throws Exception {
    List<String> served = new ArrayList<>();
    externalRules.forEach(rule -> served.add(rule.path("name").path("as").asText()));

    List<String> asked = new ArrayList<>();
    for (String overlay : RenderedManifests.OVERLAYS) {
      for (HorizontalPodAutoscaler autoscaler :
          RenderedManifests.overlay(overlay).all(HorizontalPodAutoscaler.class)) {
        autoscaler.getSpec().getMetrics().stream()
            .filter(metric -> metric.getType().equals("External"))
            .forEach(metric -> asked.add(metric.getExternal().getMetric().getName()));
      }
    }

    assertThat(asked).isNotEmpty();
    assertThat(served).containsAll(asked);
  }

  @Test
  void the_adapter_reads_the_queued_jobs_the_api_publishes() {
    ApiMetrics metrics = new ApiMetrics();
    metrics.registerJobStates(() -> Map.of(JobStatus.QUEUED.wireName(), 7L));
    List<Sample> published = new ArrayList<>();
    Collections.list(metrics.registry().metricFamilySamples())
        .forEach(family -> published.addAll(family.samples));

    assertThat(externalRules).isNotEmpty();
    for (JsonNode rule : externalRules) {
      Matcher series = SERIES.matcher(rule.path("seriesQuery").asText());
      assertThat(series.matches()).as("series query %s", rule.path("seriesQuery")).isTrue();
      String metric = series.group(1);
      Matcher equals = EQUALS.matcher(series.group(2));
      assertThat(equals.find()).as("the rule picks a label value").isTrue();
      String label = equals.group(1);
      String value = equals.group(2);

      assertThat(published)
          .as("a published sample %s{%s=\"%s\"}", metric, label, value)
          .anySatisfy(
              sample -> {
                assertThat(sample.name).isEqualTo(metric);
                assertThat(sample.labelValues.get(sample.labelNames.indexOf(label)))
                    .isEqualTo(value);
                assertThat(sample.value).isEqualTo(7.0);
              });
      // The query repeats the series' label, since <<.Series>> is the bare metric name.
      assertThat(rule.path("metricsQuery").asText()).contains(label + "=\"" + value + "\"");
    }
  }
}
