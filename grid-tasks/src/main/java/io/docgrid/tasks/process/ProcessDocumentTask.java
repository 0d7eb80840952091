package io.docgrid.tasks.process;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.grid.WirePayloads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.compute.ComputeExecutionRejectedException;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobFailoverException;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeJobResultPolicy;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.compute.ComputeTaskSessionFullSupport;
import org.apache.ignite.compute.ComputeTaskSplitAdapter;
import org.apache.ignite.resources.TaskSessionResource;

/**
 * Processes one document on the compute nodes: one grid job per page range of the {@link PagePlan}
 * (Ignite's load balancer spreads them over the nodes, and its failover re-maps the range of a node
 * that dies), merged back in page order. A plan without ranges is one job; a first look at a long
 * document comes back as a {@link CountedDocument}, to be planned in ranges.
 */
@ComputeTaskSessionFullSupport // so that the priority attribute reaches the jobs' nodes
public final class ProcessDocumentTask
    extends ComputeTaskSplitAdapter<ProcessDocumentRequest, DocumentOutcome> {

  /** How many workers a document may take down with it before it is declared poison. */
  public static final int MAX_LOST_WORKERS = 2;

  private final transient PagePlan plan;
  private final transient int priority;
  private final transient String tenant;
  private final transient Set<UUID> lostWorkers = ConcurrentHashMap.newKeySet();

  @TaskSessionResource private transient ComputeTaskSession session;

  /** A task at the default priority, 0, for no tenant in particular. */
  public ProcessDocumentTask(PagePlan plan) {
    this(plan, 0, "");
  }

  /**
   * @param priority the tier's priority: its share of a busy compute node, and first among equals
   * @param tenant whose document it is: tenants share compute nodes fairly
   */
  public ProcessDocumentTask(PagePlan plan, int priority, String tenant) {
    this.plan = plan;
    this.priority = priority;
    this.tenant = tenant;
  }

  @Override
  protected Collection<? extends ComputeJob> split(int gridSize, ProcessDocumentRequest request) {
    session.setAttribute(GridNames.TASK_PRIORITY_ATTRIBUTE, priority);
    session.setAttribute(GridNames.TASK_TENANT_ATTRIBUTE, tenant);
    ProcessDocumentRequest scoped = request.within(plan.scope());
    if (plan.ranges().isEmpty()) {
      return List.of(new ProcessDocumentJob(scoped));
    }
    List<ComputeJob> jobs = new ArrayList<>(plan.ranges().size());
    for (PageSelection range : plan.ranges()) {
      jobs.add(new ProcessDocumentJob(scoped.withPages(range)));
    }
    return jobs;
  }

  /**
   * A range that failed for good is kept, not fatal: its pages are reported as failed and the other
   * ranges still count. Losing the node that ran it is not a failure: Ignite re-maps it, unless
   * this document has now lost {@link #MAX_LOST_WORKERS} different workers, when the whole task
   * fails as {@link DocumentErrorCode#POISON_DOCUMENT} rather than take down another.
   */
  @Override
  public ComputeJobResultPolicy result(ComputeJobResult result, List<ComputeJobResult> received) {
    IgniteException failure = result.getException();
    if (failure == null) {
      return ComputeJobResultPolicy.WAIT;
    }
    if (failure instanceof ClusterTopologyException
        || failure.hasCause(ClusterTopologyException.class)) {
      lostWorkers.add(result.getNode().id());
      if (lostWorkers.size() >= MAX_LOST_WORKERS) {
        throw new IgniteException(
            new DocumentProcessingException(
                DocumentErrorCode.POISON_DOCUMENT,
                "Processing this document brought down "
                    + lostWorkers.size()
                    + " workers; it is quarantined until an administrator releases it.",
                null));
      }
      return ComputeJobResultPolicy.FAILOVER;
    }
    if (failure instanceof ComputeExecutionRejectedException
        || failure.hasCause(ComputeJobFailoverException.class)) {
      return ComputeJobResultPolicy.FAILOVER;
    }
    return ComputeJobResultPolicy.WAIT;
  }

  @Override
  public DocumentOutcome reduce(List<ComputeJobResult> results) {
    List<ProcessedDocument> parts = new ArrayList<>(results.size());
    List<PageText> failedPages = new ArrayList<>();
    IgniteException firstFailure = null;
    for (ComputeJobResult result : results) {
      if (result.getException() == null) {
        DocumentOutcome outcome = outcomeOf(result.getData());
        if (outcome instanceof CountedDocument counted) {
          return counted; // a first look, the only job of its task
        }
        parts.add((ProcessedDocument) outcome);
      } else {
        firstFailure = firstFailure == null ? result.getException() : firstFailure;
        failedPages.addAll(failedRange(result));
      }
    }
    if (parts.isEmpty()) {
      throw firstFailure; // every range failed: the document failed, for the first one's reason
    }
    ProcessedDocument merged = merge(parts);
    if (failedPages.isEmpty()) {
      return merged;
    }
    List<PageText> pages = new ArrayList<>(merged.document().pages());
    pages.addAll(failedPages);
    pages.sort(Comparator.comparingInt(PageText::number));
    return new ProcessedDocument(
        merged.document().withPages(pages),
        merged.nodeIds(),
        merged.pipelineVersion(),
        merged.versions(),
        merged.elapsedMillis());
  }

  /** A job's result: the outcome itself from this node, its encoding from another. */
  private static DocumentOutcome outcomeOf(Object data) {
    return data instanceof byte[] encoded
        ? WirePayloads.decode(encoded, DocumentOutcome.class)
        : (DocumentOutcome) data;
  }

  private List<PageText> failedRange(ComputeJobResult result) {
    ProcessDocumentRequest request = ((ProcessDocumentJob) result.getJob()).request();
    DocumentProcessingException cause =
        result.getException().getCause(DocumentProcessingException.class);
    DocumentErrorCode code = cause == null ? DocumentErrorCode.PROCESSING_FAILED : cause.code();
    String message =
        cause == null
            ? "These pages could not be processed; quote the request id when reporting it."
            : cause.getMessage();
    int documentPages = plan.documentPages() == null ? 0 : plan.documentPages();
    List<PageText> pages = new ArrayList<>();
    for (int number : request.options().pages().pagesOf(documentPages)) {
      pages.add(PageText.failed(number, code, message));
    }
    return pages;
  }

  static ProcessedDocument merge(List<ProcessedDocument> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    ProcessedDocument first = parts.get(0);
    List<PageText> pages = new ArrayList<>();
    Set<String> nodes = new LinkedHashSet<>();
    long elapsed = 0;
    for (ProcessedDocument part : parts) {
      pages.addAll(part.document().pages());
      nodes.addAll(part.nodeIds());
      elapsed = Math.max(elapsed, part.elapsedMillis());
    }
    pages.sort(Comparator.comparingInt(PageText::number));
    return new ProcessedDocument(
        first.document().withPages(pages),
        List.copyOf(nodes),
        first.pipelineVersion(),
        first.versions(),
        elapsed);
  }
}
