package io.docgrid.tasks.process;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.grid.WirePayloads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
import org.apache.ignite.compute.ComputeTaskNoResultCache;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.compute.ComputeTaskSessionFullSupport;
import org.apache.ignite.compute.ComputeTaskSplitAdapter;
import org.apache.ignite.resources.TaskSessionResource;

/**
 * Processes one document on the compute nodes: one grid job per page range of the {@link PagePlan}
 * (Ignite's load balancer spreads them over the nodes, and its failover re-maps the range of a node
 * that dies). Each range's pages go to the {@link RangeStore} as the range comes back, in whatever
 * order, and are dropped here: Ignite keeps no job results for this task ({@link
 * ComputeTaskNoResultCache}), and the task ends with a {@link StoredDocument}, the counts and facts
 * of the whole. A plan without ranges is one job; a first look at a long document comes back as a
 * {@link CountedDocument}, to be planned in ranges, and stores nothing.
 */
@ComputeTaskSessionFullSupport // so that the priority attribute reaches the jobs' nodes
@ComputeTaskNoResultCache
public final class ProcessDocumentTask
    extends ComputeTaskSplitAdapter<ProcessDocumentRequest, TaskOutcome> {

  /** How many workers a document may take down with it before it is declared poison. */
  public static final int MAX_LOST_WORKERS = 2;

  private final transient PagePlan plan;
  private final transient int priority;
  private final transient String tenant;
  private final transient RangeStore store;
  private final transient StoredRanges ranges;
  private final transient Set<UUID> lostWorkers = ConcurrentHashMap.newKeySet();
  private transient volatile UUID jobId;
  private transient volatile CountedDocument counted;
  private transient volatile IgniteException firstFailure;

  @TaskSessionResource private transient ComputeTaskSession session;

  /** A task at the default priority, 0, for no tenant in particular. */
  public ProcessDocumentTask(PagePlan plan, RangeStore store) {
    this(plan, 0, "", store);
  }

  /**
   * @param priority the tier's priority: its share of a busy compute node, and first among equals
   * @param tenant whose document it is: tenants share compute nodes fairly
   * @param store where each range's pages go as it comes back
   */
  public ProcessDocumentTask(PagePlan plan, int priority, String tenant, RangeStore store) {
    this.plan = plan;
    this.priority = priority;
    this.tenant = tenant;
    this.store = store;
    this.ranges = new StoredRanges(Math.max(1, plan.ranges().size()));
  }

  @Override
  protected Collection<? extends ComputeJob> split(int gridSize, ProcessDocumentRequest request) {
    session.setAttribute(GridNames.TASK_PRIORITY_ATTRIBUTE, priority);
    session.setAttribute(GridNames.TASK_TENANT_ATTRIBUTE, tenant);
    jobId = request.jobId();
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
   * A range that came through is stored at once. A range that failed for good is stored too, not
   * fatal: its pages are stored as failed and the other ranges still count. A range run again (by
   * failover) is stored only when it comes through, under the same part number, so a retry replaces
   * what it stored. Losing the node that ran it is not a failure: Ignite re-maps it, unless this
   * document has now lost {@link #MAX_LOST_WORKERS} different workers, when the whole task fails as
   * {@link DocumentErrorCode#POISON_DOCUMENT} rather than take down another.
   */
  @Override
  public ComputeJobResultPolicy result(ComputeJobResult result, List<ComputeJobResult> received) {
    IgniteException failure = result.getException();
    if (failure == null) {
      keep(result);
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
    keepFailed(result);
    return ComputeJobResultPolicy.WAIT;
  }

  /** Ignite keeps no results for this task: what the ranges brought was kept as they came. */
  @Override
  public TaskOutcome reduce(List<ComputeJobResult> results) {
    if (counted != null) {
      return counted; // a first look, the only job of its task
    }
    if (!ranges.anyProcessed()) {
      throw firstFailure; // every range failed: the document failed, for the first one's reason
    }
    return ranges.summary();
  }

  private void keep(ComputeJobResult result) {
    DocumentOutcome outcome = outcomeOf(result.getData());
    if (outcome instanceof CountedDocument first) {
      counted = first;
      return;
    }
    ProcessedDocument range = (ProcessedDocument) outcome;
    List<PageText> pages = new ArrayList<>(range.document().pages());
    pages.sort(Comparator.comparingInt(PageText::number));
    int part = partOf(result);
    store(part, pages);
    ranges.processed(part, range);
  }

  private void keepFailed(ComputeJobResult result) {
    synchronized (this) {
      if (firstFailure == null) {
        firstFailure = result.getException();
      }
    }
    List<PageText> pages = failedRange(result);
    store(partOf(result), pages);
    ranges.failed(pages);
  }

  /**
   * Which part a job's pages are stored as: its range's place in the plan, found from the range it
   * was sent with (a job's own fields are pinned by the wire rules, so it carries no number).
   */
  private int partOf(ComputeJobResult result) {
    if (plan.ranges().isEmpty()) {
      return 0;
    }
    PageSelection range = ((ProcessDocumentJob) result.getJob()).request().options().pages();
    int part = plan.ranges().indexOf(range);
    if (part < 0) {
      throw new IllegalStateException("a range that is not in the plan: " + range);
    }
    return part;
  }

  /** A range that cannot be stored fails the task: a result without it would be silently short. */
  private void store(int part, List<PageText> pages) {
    try {
      store.store(jobId, part, pages);
    } catch (IOException e) {
      throw new IgniteException("could not store the pages of range " + part, e);
    }
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
}
