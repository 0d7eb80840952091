package io.docgrid.tasks.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.grid.GridNames;
import io.docgrid.testkit.LocalGrid;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node selection with real Ignite nodes in this JVM that advertise GPUs through node attributes.
 * This is routing, not CUDA: the GPU attributes are set by hand, so it runs on machines without a
 * GPU.
 */
class ComputeRoutingIT {

  private final List<Ignite> nodes = new java.util.ArrayList<>();
  @TempDir Path work;
  private LocalGrid grid;
  private final Map<String, Integer> waiting = new HashMap<>();

  private Ignite start(String name, boolean compute, List<String> gpus) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put(GridNames.COMPUTE_ROLE_ATTRIBUTE, compute);
    if (!gpus.isEmpty()) {
      attributes = GpuAttributes.with(attributes, gpus);
    }
    IgniteConfiguration configuration =
        grid.node(name + "-" + UUID.randomUUID())
            .setWorkDirectory(work.resolve(name).toString())
            .setUserAttributes(attributes);
    Ignite ignite = Ignition.start(configuration);
    nodes.add(ignite);
    return ignite;
  }

  @BeforeEach
  void newGrid() {
    grid = LocalGrid.onFreePorts(work);
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(Ignite::close);
  }

  private ComputeRouting routing() {
    return new ComputeRouting(
        2,
        node -> waiting.getOrDefault(node.<String>attribute("org.apache.ignite.ignite.name"), 0));
  }

  @Test
  void ocr_work_goes_to_the_gpu_nodes_and_text_layer_work_to_the_cpu_nodes() {
    Ignite api = start("api", false, List.of());
    Ignite cpu = start("cpu", true, List.of());
    Ignite gpu = start("gpu", true, List.of("NVIDIA H100 80GB HBM3", "NVIDIA H100 80GB HBM3"));
    ClusterGroup compute = NodeRoles.computeNodes(api);

    assertThat(routing().select(compute, true).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(gpu.cluster().localNode().id());
    assertThat(routing().select(compute, false).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(cpu.cluster().localNode().id());
    assertThat(GpuAttributes.names(gpu.cluster().localNode()))
        .containsExactly("NVIDIA H100 80GB HBM3", "NVIDIA H100 80GB HBM3");
  }

  @Test
  void ocr_work_spills_over_to_every_compute_node_when_all_gpu_nodes_are_busy() {
    Ignite api = start("api", false, List.of());
    Ignite cpu = start("cpu", true, List.of());
    Ignite busyGpu = start("busy-gpu", true, List.of("NVIDIA L4"));
    Ignite freeGpu = start("free-gpu", true, List.of("NVIDIA L4"));
    ClusterGroup compute = NodeRoles.computeNodes(api);
    waiting.put(busyGpu.name(), 2);

    assertThat(routing().select(compute, true).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(freeGpu.cluster().localNode().id());

    waiting.put(freeGpu.name(), 5);
    assertThat(routing().select(compute, true).nodes())
        .extracting(ClusterNode::id)
        .containsExactlyInAnyOrder(
            cpu.cluster().localNode().id(),
            busyGpu.cluster().localNode().id(),
            freeGpu.cluster().localNode().id());
  }

  @Test
  void without_gpu_nodes_ocr_work_goes_to_the_cpu_nodes_and_without_cpu_nodes_text_work_to_gpus() {
    Ignite api = start("api", false, List.of());
    Ignite cpu = start("cpu", true, List.of());

    assertThat(routing().select(NodeRoles.computeNodes(api), true).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(cpu.cluster().localNode().id());

    cpu.close();
    nodes.remove(cpu);
    Ignite gpu = start("gpu", true, List.of("NVIDIA A100"));
    assertThat(routing().select(NodeRoles.computeNodes(api), false).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(gpu.cluster().localNode().id());
  }
}
