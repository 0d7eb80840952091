package io.docgrid.tasks.process;

import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.extraction.DocumentExtraction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.apache.ignite.compute.ComputeJobFailoverException;

/**
 * The node-local services a compute job needs. Ignite deserialises jobs without a container, so the
 * node registers this once in its node-local map and jobs look it up through their Ignite instance
 * (never a static field: several nodes may share one JVM).
 *
 * @param blobStore where the documents are
 * @param extraction how documents become pages on this node (in process, or in child JVMs)
 * @param versions what {@link io.docgrid.tasks.pipeline.ComponentVersions} reported at start-up
 * @param probes what looks at each job before extraction (none in production)
 */
public record WorkerContext(
    BlobStore blobStore,
    DocumentExtraction extraction,
    Map<String, String> versions,
    List<ExtractionProbe> probes) {

  public WorkerContext {
    probes = List.copyOf(probes);
  }

  public WorkerContext(
      BlobStore blobStore, DocumentExtraction extraction, Map<String, String> versions) {
    this(blobStore, extraction, versions, List.of());
  }

  private static final String KEY = WorkerContext.class.getName();

  public void installOn(Ignite ignite) {
    ignite.cluster().<String, Object>nodeLocalMap().put(KEY, this);
  }

  public static Optional<WorkerContext> lookup(Ignite ignite) {
    return Optional.ofNullable((WorkerContext) ignite.cluster().nodeLocalMap().get(KEY));
  }

  /**
   * This node's context for a job on the document {@code sha256}, or a failover to another node: a
   * node that joined but has not finished wiring has no context yet, and without a shared store
   * another host's upload is on that host's node only.
   */
  static WorkerContext forDocument(Ignite ignite, String sha256) {
    WorkerContext context =
        lookup(ignite)
            .orElseThrow(() -> new ComputeJobFailoverException("worker is not ready yet"));
    if (!context.blobStore().hasDocument(sha256)) {
      throw new ComputeJobFailoverException("the document is not stored on this node");
    }
    return context;
  }
}
