package io.docgrid.tasks.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrEngineChoice;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.process.ComputeRouting.Work;
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
    return start(name, compute, gpus, false);
  }

  private Ignite start(String name, boolean compute, List<String> gpus, boolean paddleOnGpu) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put(GridNames.COMPUTE_ROLE_ATTRIBUTE, compute);
    if (!gpus.isEmpty()) {
      attributes = GpuAttributes.with(attributes, gpus, paddleOnGpu);
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

    assertThat(routing().select(compute, Work.OCR).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(gpu.cluster().localNode().id());
    assertThat(routing().select(compute, Work.TEXT_LAYERS).nodes())
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

    assertThat(routing().select(compute, Work.OCR).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(freeGpu.cluster().localNode().id());

    waiting.put(freeGpu.name(), 5);
    assertThat(routing().select(compute, Work.OCR).nodes())
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

    assertThat(routing().select(NodeRoles.computeNodes(api), Work.OCR).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(cpu.cluster().localNode().id());

    cpu.close();
    nodes.remove(cpu);
    Ignite gpu = start("gpu", true, List.of("NVIDIA A100"));
    assertThat(routing().select(NodeRoles.computeNodes(api), Work.TEXT_LAYERS).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(gpu.cluster().localNode().id());
  }

  @Test
  void paddle_work_goes_first_to_the_gpu_nodes_that_run_paddleocr_there() {
    Ignite api = start("api", false, List.of());
    start("cpu", true, List.of());
    Ignite preprocessingGpu = start("gpu", true, List.of("NVIDIA L4"));
    Ignite paddleGpu = start("paddle-gpu", true, List.of("NVIDIA L4"), true);
    ClusterGroup compute = NodeRoles.computeNodes(api);

    assertThat(routing().select(compute, Work.PADDLE_OCR).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(paddleGpu.cluster().localNode().id());
    assertThat(routing().select(compute, Work.OCR).nodes())
        .extracting(ClusterNode::id)
        .containsExactlyInAnyOrder(
            preprocessingGpu.cluster().localNode().id(), paddleGpu.cluster().localNode().id());

    // When the PaddleOCR node is busy, the other GPU nodes come next.
    waiting.put(paddleGpu.name(), 2);
    assertThat(routing().select(compute, Work.PADDLE_OCR).nodes())
        .extracting(ClusterNode::id)
        .containsExactly(preprocessingGpu.cluster().localNode().id());
  }

  @Test
  void the_work_follows_from_the_options() {
    ProcessingOptions tesseract = ProcessingOptions.DEFAULTS;

    assertThat(Work.of(tesseract)).isEqualTo(Work.OCR);
    assertThat(Work.of(tesseract.withEngine(OcrEngineChoice.PADDLE))).isEqualTo(Work.PADDLE_OCR);
    assertThat(Work.of(tesseract.withEngine(OcrEngineChoice.AUTO))).isEqualTo(Work.OCR);
    assertThat(Work.of(chinese().withEngine(OcrEngineChoice.AUTO))).isEqualTo(Work.PADDLE_OCR);
    assertThat(Work.of(chinese())).isEqualTo(Work.OCR);
    assertThat(Work.of(ProcessingOptions.TEXT_ONLY.withEngine(OcrEngineChoice.PADDLE)))
        .isEqualTo(Work.TEXT_LAYERS);
  }

  private static ProcessingOptions chinese() {
    ProcessingOptions defaults = ProcessingOptions.DEFAULTS;
    return new ProcessingOptions(
        defaults.ocr(),
        List.of("chi_sim", "eng"),
        defaults.pages(),
        defaults.dpi(),
        defaults.preprocess(),
        null);
  }
}
