package io.docgrid.tasks.process;

import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrEngineChoice;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Which compute nodes a document's page-range jobs go to. Jobs that may OCR go to GPU nodes, whose
 * preprocessing is fastest, as long as some GPU node has fewer than {@code busyThreshold} jobs
 * waiting; jobs read with PaddleOCR go first to the GPU nodes that run its models on the GPU, where
 * their pages share batches. When every such node is that busy, or there is none, they go to all
 * compute nodes. Jobs that only read text layers go to CPU nodes, keeping the GPU nodes free for
 * OCR, and to all compute nodes when there are only GPU nodes.
 */
public final class ComputeRouting {

  /** Waiting jobs per GPU node beyond which OCR work spills over to the CPU nodes. */
  public static final int DEFAULT_BUSY_THRESHOLD = 4;

  /** What a document's jobs will do, as far as routing cares. */
  public enum Work {
    /** Read text layers only: OCR is off. */
    TEXT_LAYERS,
    /** May OCR pages with Tesseract. */
    OCR,
    /** May OCR pages with PaddleOCR, which GPU nodes can batch. */
    PADDLE_OCR;

    /** The languages for which {@code auto} reads with PaddleOCR (no Tesseract model ships). */
    private static final Set<String> PADDLE_ONLY_LANGUAGES = Set.of("chi_sim", "chi_tra");

    public static Work of(ProcessingOptions options) {
      if (options.ocr() == ProcessingOptions.OcrMode.OFF) {
        return TEXT_LAYERS;
      }
      OcrEngineChoice engine = options.engine();
      boolean paddle =
          engine == OcrEngineChoice.PADDLE
              || (engine == OcrEngineChoice.AUTO
                  && options.languages().stream().anyMatch(PADDLE_ONLY_LANGUAGES::contains));
      return paddle ? PADDLE_OCR : OCR;
    }
  }

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
   * @param work what the jobs will do
   */
  public ClusterGroup select(ClusterGroup computeNodes, Work work) {
    if (work == Work.TEXT_LAYERS) {
      ClusterGroup cpuNodes = computeNodes.forPredicate(node -> GpuAttributes.count(node) == 0);
      return cpuNodes.nodes().isEmpty() ? computeNodes : cpuNodes;
    }
    // A snapshot of the load now: the choice is made once, when the document is dispatched.
    if (work == Work.PADDLE_OCR) {
      List<ClusterNode> paddleGpus = withRoom(computeNodes, GpuAttributes::paddleOnGpu);
      if (!paddleGpus.isEmpty()) {
        return computeNodes.forNodes(paddleGpus);
      }
    }
    List<ClusterNode> gpus = withRoom(computeNodes, node -> GpuAttributes.count(node) > 0);
    return gpus.isEmpty() ? computeNodes : computeNodes.forNodes(gpus);
  }

  private List<ClusterNode> withRoom(ClusterGroup computeNodes, Predicate<ClusterNode> kind) {
    return computeNodes.nodes().stream()
        .filter(kind)
        .filter(node -> waitingJobs.applyAsInt(node) < busyThreshold)
        .toList();
  }
}
