package io.docgrid.tasks.process;

import io.docgrid.tasks.grid.GridNames;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.cluster.ClusterNode;

/**
 * The node attributes ({@link GridNames#GPU_COUNT_ATTRIBUTE}, {@link
 * GridNames#GPU_NAMES_ATTRIBUTE}, {@link GridNames#PADDLE_ON_GPU_ATTRIBUTE}) by which a node
 * advertises the GPUs it preprocesses pages on, and whether PaddleOCR runs on them. A node without
 * them (a CPU node, or one started with {@code --gpu off}) counts as having none.
 */
public final class GpuAttributes {

  private GpuAttributes() {}

  /** {@code attributes} with the GPU attributes for {@code names} added. */
  public static Map<String, Object> with(Map<String, ?> attributes, List<String> names) {
    return with(attributes, names, false);
  }

  /**
   * {@code attributes} with the GPU attributes for {@code names} added, saying whether PaddleOCR's
   * models run on them.
   */
  public static Map<String, Object> with(
      Map<String, ?> attributes, List<String> names, boolean paddleOnGpu) {
    Map<String, Object> merged = new HashMap<>(attributes);
    merged.put(GridNames.GPU_COUNT_ATTRIBUTE, names.size());
    merged.put(GridNames.GPU_NAMES_ATTRIBUTE, String.join(",", names));
    merged.put(GridNames.PADDLE_ON_GPU_ATTRIBUTE, paddleOnGpu && !names.isEmpty());
    return merged;
  }

  /** Whether {@code node} runs PaddleOCR's models on its GPUs. */
  public static boolean paddleOnGpu(ClusterNode node) {
    return Boolean.TRUE.equals(node.attribute(GridNames.PADDLE_ON_GPU_ATTRIBUTE));
  }

  public static int count(ClusterNode node) {
    Object count = node.attribute(GridNames.GPU_COUNT_ATTRIBUTE);
    return count instanceof Integer value ? value : 0;
  }

  public static List<String> names(ClusterNode node) {
    Object names = node.attribute(GridNames.GPU_NAMES_ATTRIBUTE);
    if (!(names instanceof String text) || text.isBlank() || count(node) == 0) {
      return List.of();
    }
    return Arrays.asList(text.split(","));
  }
}
