package io.docgrid.api.engine;

import io.docgrid.sql.model.Job;
import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.tasks.grid.GridTopic;
import io.docgrid.tasks.process.ComputeRouting;
import io.docgrid.tasks.process.JobStarted;
import io.docgrid.tasks.process.NodeRoles;
import io.docgrid.tasks.process.PageImageRequest;
import io.docgrid.tasks.process.PageImageTask;
import io.docgrid.tasks.process.PagePlan;
import io.docgrid.tasks.process.PagesDone;
import io.docgrid.tasks.process.ProbeDocumentTask;
import io.docgrid.tasks.process.ProcessDocumentRequest;
import io.docgrid.tasks.process.ProcessDocumentTask;
import io.docgrid.tasks.process.RangeStore;
import io.docgrid.tasks.process.SearchablePdfRequest;
import io.docgrid.tasks.process.SearchablePdfTask;
import io.docgrid.tasks.process.TaskOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteMessaging;
import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterGroupEmptyException;
import org.apache.ignite.compute.ComputeTask;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.lang.IgnitePredicate;

/**
 * The engine's one contact with Ignite: sends jobs to the grid and turns what comes back into
 * {@link DispatchOutcome}s (by {@link DispatchFailures}' table), passes on what the grid reports
 * about jobs and nodes, and tells the other API nodes when a job finished. Nothing above it sees an
 * Ignite type.
 */
public final class JobDispatcher implements AutoCloseable {

  private final Ignite ignite;
  private final Duration jobTimeout;
  private final Executor callbacks;
  private final RangeStore ranges;

  private final ComputeRouting routing = new ComputeRouting(ComputeRouting.DEFAULT_BUSY_THRESHOLD);
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<UUID, IgniteFuture<?>> running = new ConcurrentHashMap<>();
  private final GridTopic<UUID> cancellations;
  private final GridTopic<UUID> finishedJobs;
  private final List<GridTopic.Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private IgnitePredicate<DiscoveryEvent> joinListener;
  private IgnitePredicate<DiscoveryEvent> leaveListener;
  private volatile boolean closing;

  /**
   * @param callbacks where what the grid reports is handled, off Ignite's own threads
   * @param ranges where the page ranges of a document put their pages as they come back
   */
  public JobDispatcher(Ignite ignite, Duration jobTimeout, Executor callbacks, RangeStore ranges) {
    this.ignite = ignite;
    this.ranges = ranges;
    this.jobTimeout = jobTimeout;
    this.callbacks = callbacks;
    IgniteMessaging servers = ignite.message(ignite.cluster().forServers());
    this.cancellations = GridTopic.ofText(servers, GridNames.CANCEL_JOB_TOPIC, UUID::fromString);
    this.finishedJobs = GridTopic.ofText(servers, GridNames.JOB_FINISHED_TOPIC, UUID::fromString);
    subscriptions.add(cancellations.subscribe(this::cancelLocally));
  }

  /**
   * Stops a job wherever it was dispatched from: the node that holds its grid task cancels it,
   * which drops its waiting page ranges and interrupts the running ones (their extraction child is
   * killed, so they stop within the page they are on).
   */
  public void cancelEverywhere(UUID jobId) {
    cancellations.publish(jobId);
  }

  /** Calls {@code onStarted} on this node when a grid node starts one of its jobs. */
  public void onJobStarted(Consumer<JobStarted> onStarted) {
    subscriptions.add(
        JobStarted.topic(ignite.message())
            .subscribe(started -> callbacks.execute(() -> onStarted.accept(started))));
  }

  /** Calls {@code onPages} on this node when a grid node has finished a range of pages. */
  public void onPagesDone(Consumer<PagesDone> onPages) {
    subscriptions.add(
        PagesDone.topic(ignite.message())
            .subscribe(pages -> callbacks.execute(() -> onPages.accept(pages))));
  }

  /** Calls {@code onJoined} whenever a compute node joins the cluster. */
  public void onComputeNodeJoined(Runnable onJoined) {
    joinListener =
        event -> {
          if (Boolean.TRUE.equals(event.eventNode().attribute(GridNames.COMPUTE_ROLE_ATTRIBUTE))) {
            callbacks.execute(onJoined);
          }
          return true;
        };
    ignite.events().localListen(joinListener, EventType.EVT_NODE_JOINED);
  }

  /** Calls {@code onLeft} whenever a node leaves the cluster or is dropped from it. */
  public void onNodeLeft(Runnable onLeft) {
    leaveListener =
        event -> {
          callbacks.execute(onLeft);
          return true;
        };
    ignite.events().localListen(leaveListener, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
  }

  /** This node's id in the grid: what its job leases are held under. */
  public String localNodeId() {
    return ignite.cluster().localNode().id().toString();
  }

  /** The ids of every node in the cluster now. */
  Set<String> liveNodeIds() {
    Set<String> ids = new java.util.HashSet<>();
    ignite.cluster().nodes().forEach(node -> ids.add(node.id().toString()));
    return ids;
  }

  /** The jobs dispatched from this node that are still running. */
  Set<UUID> inFlightIds() {
    return Set.copyOf(inFlight);
  }

  /** Stops a job dispatched from this node, without telling the others. */
  void cancelLocally(UUID jobId) {
    IgniteFuture<?> future = running.get(jobId);
    if (future != null) {
      future.cancel();
    }
  }

  boolean hasComputeNodes() {
    return !NodeRoles.computeNodes(ignite).nodes().isEmpty();
  }

  public int computeNodeCount() {
    return NodeRoles.computeNodes(ignite).nodes().size();
  }

  public boolean isInFlight(UUID jobId) {
    return inFlight.contains(jobId);
  }

  public int inFlightCount() {
    return inFlight.size();
  }

  /**
   * Submits the job's {@code plan} unless the job is already running from this node. Returns false
   * when there is no compute node to take it; the job then waits for one.
   *
   * @param priority the job's tier's priority on busy compute nodes
   */
  boolean dispatch(
      Job job,
      ProcessingOptions options,
      PagePlan plan,
      int priority,
      Consumer<DispatchOutcome> onDone) {
    if (!hasComputeNodes()) {
      return false;
    }
    if (!inFlight.add(job.id())) {
      return true;
    }
    var request =
        new ProcessDocumentRequest(
            job.id(),
            job.documentSha256(),
            job.mediaType(),
            options,
            job.requestId(),
            ignite.cluster().localNode().id(),
            job.owner());
    IgniteFuture<TaskOutcome> future;
    try {
      future =
          ignite
              .compute(
                  routing.select(NodeRoles.computeNodes(ignite), ComputeRouting.Work.of(options)))
              .withTimeout(jobTimeout.toMillis())
              .executeAsync(new ProcessDocumentTask(plan, priority, job.owner(), ranges), request);
    } catch (ClusterGroupEmptyException e) {
      inFlight.remove(job.id());
      return false;
    } catch (RuntimeException e) {
      inFlight.remove(job.id());
      onDone.accept(outcomeOf(e));
      return true;
    }
    running.put(job.id(), future);
    future.listenAsync(
        done -> {
          DispatchOutcome outcome;
          try {
            outcome = new DispatchOutcome.Completed(done.get());
          } catch (RuntimeException e) {
            outcome = outcomeOf(e);
          } finally {
            running.remove(job.id());
            inFlight.remove(job.id());
          }
          onDone.accept(outcome);
        },
        callbacks);
    return true;
  }

  /**
   * Has a compute node make the job's searchable PDF and store it with the job's results. Waits for
   * it, up to the job timeout.
   *
   * @throws DocumentProcessingException when the document cannot be made searchable
   * @throws IllegalStateException when no compute node could make it
   */
  public void makeSearchablePdf(SearchablePdfRequest request, String tenant)
      throws DocumentProcessingException {
    onAComputeNode(new SearchablePdfTask(tenant), request, "made the searchable PDF");
  }

  /**
   * Has a compute node draw one page of the job's document as an image, and returns its encoded
   * bytes. Waits for it, up to the job timeout.
   *
   * @throws DocumentProcessingException when the page cannot be drawn (past the end, say)
   * @throws IllegalStateException when no compute node could draw it
   */
  public byte[] renderPage(PageImageRequest request, String tenant)
      throws DocumentProcessingException {
    return onAComputeNode(new PageImageTask(tenant), request, "drew the page image");
  }

  /**
   * Has a compute node count the stored document and the pages its options would OCR, without
   * processing any (a dry run). Waits for it, up to the job timeout.
   *
   * @throws DocumentProcessingException what the document's job would fail with
   * @throws IllegalStateException when no compute node could look at it
   */
  public DocumentFacts probe(
      String sha256,
      String mediaType,
      ProcessingOptions options,
      int maxPages,
      String requestId,
      String tenant)
      throws DocumentProcessingException {
    var request =
        new ProcessDocumentRequest(
            UUID.randomUUID(),
            sha256,
            mediaType,
            options,
            ExtractionScope.countOnly(maxPages),
            requestId,
            ignite.cluster().localNode().id(),
            false,
            tenant);
    return onAComputeNode(new ProbeDocumentTask(tenant), request, "looked at the document").facts();
  }

  /**
   * Runs {@code task} for a waiting client on a compute node, up to the job timeout.
   *
   * @param done what the task does, to say that no compute node did it
   * @throws DocumentProcessingException when the task was refused for its document
   * @throws IllegalStateException when no compute node could run it
   */
  private <A, R> R onAComputeNode(ComputeTask<A, R> task, A argument, String done)
      throws DocumentProcessingException {
    try {
      return ignite
          .compute(NodeRoles.computeNodes(ignite))
          .withTimeout(jobTimeout.toMillis())
          .execute(task, argument);
    } catch (RuntimeException e) {
      if (outcomeOf(e) instanceof DispatchOutcome.Rejected rejected) {
        throw new DocumentProcessingException(rejected.code(), rejected.message());
      }
      throw new IllegalStateException("no compute node " + done, e);
    }
  }

  private DispatchOutcome outcomeOf(Throwable failure) {
    return DispatchFailures.outcomeOf(failure, isStopping());
  }

  /** Whether this node is shutting down: this dispatcher is closing, or its grid node stopped. */
  private boolean isStopping() {
    return closing || Ignition.state(ignite.name()) != IgniteState.STARTED;
  }

  /** Calls {@code onFinished} with the id of every job announced finished anywhere, this node's. */
  public void onJobFinished(Consumer<UUID> onFinished) {
    subscriptions.add(finishedJobs.subscribe(onFinished));
  }

  /**
   * Tells the other API nodes that a job finished, for clients that wait ({@code Prefer: wait}) on
   * another node than the one where it finished: a long poll behind a load balancer, or a job that
   * waited for an identical one and was completed where that one finished.
   */
  public void announceFinished(UUID jobId) {
    if (ignite.cluster().forServers().forRemotes().nodes().isEmpty()) {
      return; // a node on its own: nobody else can be waiting
    }
    finishedJobs.publish(jobId);
  }

  /** Waits for jobs dispatched from this node to finish, up to {@code grace}. */
  public boolean awaitInFlight(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (!inFlight.isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  @Override
  public void close() {
    closing = true;
    subscriptions.forEach(GridTopic.Subscription::close);
    try {
      if (joinListener != null) {
        ignite.events().stopLocalListen(joinListener, EventType.EVT_NODE_JOINED);
      }
      if (leaveListener != null) {
        ignite
            .events()
            .stopLocalListen(leaveListener, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
      }
    } catch (IgniteException | IllegalStateException alreadyStopped) {
      // The node is going down anyway; its listeners go with it.
    }
  }
}
