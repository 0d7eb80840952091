package io.docgrid.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How {@code docgrid admin cluster status} shows the GPUs each node advertises. */
class ClusterStatusTextTest {

  @Test
  void gpu_nodes_show_their_gpu_count_and_model_and_cpu_nodes_a_dash() throws Exception {
    String json =
        """
        {"nodes": [
          {"id": "a", "name": "gpu-1", "roles": ["compute"], "gpus": ["NVIDIA H100", "NVIDIA H100"]},
          {"id": "b", "name": "cpu-1", "roles": ["compute"], "gpus": []}
        ], "jobs": {"queued": 0, "running": 0}}
        """;

    String text = ClusterStatusCommand.text(new ObjectMapper().readTree(json));

    assertThat(text).contains("GPUS");
    assertThat(text.lines().filter(line -> line.contains("gpu-1")).findFirst().orElseThrow())
        .endsWith("2 × NVIDIA H100");
    assertThat(text.lines().filter(line -> line.contains("cpu-1")).findFirst().orElseThrow())
        .endsWith("-");
  }
}
