package io.docgrid.tasks.process;

import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Which compute nodes a document's page-range jobs go to. Jobs that may OCR go to GPU nodes, whose
 * preprocessing is fastest, as long as some GPU node has fewer than {@code busyThreshold} jobs
 * waiting; when every GPU node is that busy, or there is none, they go to all compute nodes. Jobs
 * that only read text layers go to CPU nodes, keeping the GPU nodes free for OCR, and to all
 * compute nodes when there are only GPU nodes.
 */
public final class ComputeRouting {

  /** Waiting jobs per GPU node beyond which OCR work spills over to the CPU nodes. */
  public static final int DEFAULT_BUSY_THRESHOLD = 4;

  private final int busyThreshold;
  private final ToIntFunction<ClusterNode> waitingJobs;

  /** Routing by the waiting jobs each node reports in its Ignite metrics. */
  public ComputeRouting(int busyThreshold) {
    this(busyThreshold, node -> node.metrics().getCurrentWaitingJobs());
  }

  /**
   * @param waitingJobs how many jobs a node has queued, from its metrics
   */
  public ComputeRouting(int busyThreshold, ToIntFunction<ClusterNode> waitingJobs) {
    if (busyThreshold < 1) {
      throw new IllegalArgumentException("busyThreshold must be at least 1, got " + busyThreshold);
    }
    this.busyThreshold = busyThreshold;
    this.waitingJobs = Objects.requireNonNull(waitingJobs, "waitingJobs");
  }

  /**
   * The nodes, among {@code computeNodes}, to run a document's jobs on.
   *
   * @param computeNodes the nodes that may run jobs at all (see {@link NodeRoles#computeNodes})
   * @param mayOcr whether the jobs may OCR pages, as opposed to reading text layers only
   */
  public ClusterGroup select(ClusterGroup computeNodes, boolean mayOcr) {
    ClusterGroup gpuNodes = computeNodes.forPredicate(node -> GpuAttributes.count(node) > 0);
    ClusterGroup cpuNodes = computeNodes.forPredicate(node -> GpuAttributes.count(node) == 0);
    if (!mayOcr) {
      return cpuNodes.nodes().isEmpty() ? computeNodes : cpuNodes;
    }
    // A snapshot of the load now: the choice is made once, when the document is dispatched.
    List<ClusterNode> withRoom =
        gpuNodes.nodes().stream()
            .filter(node -> waitingJobs.applyAsInt(node) < busyThreshold)
            .toList();
    return withRoom.isEmpty() ? computeNodes : computeNodes.forNodes(withRoom);
  }
}
