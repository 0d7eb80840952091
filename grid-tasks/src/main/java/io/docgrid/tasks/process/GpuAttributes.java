package io.docgrid.tasks.process;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.cluster.ClusterNode;

/**
 * The node attributes by which a node advertises the GPUs it preprocesses pages on. A node without
 * them (a CPU node, or one started with {@code --gpu off}) counts as having none.
 */
public final class GpuAttributes {

  /** Number of GPUs the node uses, an Integer. */
  public static final String COUNT = "docgrid.gpu.count";

  /** Their names, comma-separated, in device order: "NVIDIA H100 80GB HBM3". */
  public static final String NAMES = "docgrid.gpu.names";

  private GpuAttributes() {}

  /** {@code attributes} with the GPU attributes for {@code names} added. */
  public static Map<String, Object> with(Map<String, ?> attributes, List<String> names) {
    Map<String, Object> merged = new HashMap<>(attributes);
    merged.put(COUNT, names.size());
    merged.put(NAMES, String.join(",", names));
    return merged;
  }

  public static int count(ClusterNode node) {
    Object count = node.attribute(COUNT);
    return count instanceof Integer value ? value : 0;
  }

  public static List<String> names(ClusterNode node) {
    Object names = node.attribute(NAMES);
    if (!(names instanceof String text) || text.isBlank() || count(node) == 0) {
      return List.of();
    }
    return Arrays.asList(text.split(","));
  }
}
