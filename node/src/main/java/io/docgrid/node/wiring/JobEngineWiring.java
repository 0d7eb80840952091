package io.docgrid.node.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.cache.ResultReuse;
import io.docgrid.api.engine.Admission;
import io.docgrid.api.engine.DocumentProbe;
import io.docgrid.api.engine.FinishWaiters;
import io.docgrid.api.engine.JobControl;
import io.docgrid.api.engine.JobDispatcher;
import io.docgrid.api.engine.JobEndListener;
import io.docgrid.api.engine.JobEngine;
import io.docgrid.api.engine.JobIntake;
import io.docgrid.api.engine.JobLeases;
import io.docgrid.api.engine.JobOutcomes;
import io.docgrid.api.engine.JobPurger;
import io.docgrid.api.engine.JobRunner;
import io.docgrid.api.engine.LeaseKeeper;
import io.docgrid.api.engine.ProcessingEstimates;
import io.docgrid.api.engine.ProgressLedger;
import io.docgrid.api.engine.QueueDepth;
import io.docgrid.api.engine.QueueLimit;
import io.docgrid.api.engine.RangeParts;
import io.docgrid.api.engine.StoredOptions;
import io.docgrid.api.error.ErrorReporter;
import io.docgrid.api.limits.RateLimiter;
import io.docgrid.api.limits.TierPolicy;
import io.docgrid.api.metrics.ApiMetrics;
import io.docgrid.api.usage.UsageRecorder;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.sql.JobLeaseRepository;
import io.docgrid.sql.JobRepository;
import io.docgrid.sql.QuarantineRepository;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.process.PagePlanner;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;

/**
 * Builds the job engine and connects it to the grid: each part gets its collaborators, the
 * dispatcher's grid callbacks are bound to the parts that act on them, and every part that runs
 * threads or listens is handed to the node to close, in reverse order.
 */
final class JobEngineWiring {

  private static final Duration QUEUE_DEPTH_MAX_AGE = Duration.ofSeconds(1);
  // Progress of jobs that have run longer than this is written this often; shorter jobs write
  // theirs with their result.
  static final Duration PROGRESS_WRITES = Duration.ofMillis(500);
  private static final int CALLBACK_THREADS = 2;

  /**
   * What the engine is built from: the node's stores, result reuse, tenancy and instruments, who is
   * told of each job's end (its webhooks) and where unexpected failures are reported.
   */
  record Sources(
      JobRepository jobs,
      JobLeaseRepository leases,
      QuarantineRepository quarantine,
      BlobStore blobs,
      JobPurger purger,
      ResultReuse reuse,
      TierPolicy tiers,
      RateLimiter rateLimiter,
      UsageRecorder usage,
      ApiMetrics metrics,
      ObjectMapper json,
      StoredOptions storedOptions,
      JobEndListener jobEndings,
      ErrorReporter errors,
      Clock clock) {}

  /**
   * The engine as the node uses it: its front door for the routes, the dispatcher (running jobs and
   * compute nodes, for shutdown and readiness), and the lease keeper to start once all is up.
   */
  record Engine(JobEngine front, JobDispatcher dispatcher, LeaseKeeper leaseKeeper) {}

  private JobEngineWiring() {}

  static Engine start(RunningNode.Builder node, Ignite ignite, NodeConfig config, Sources from) {
    NodeConfig.JobsConfig settings = config.jobs();
    ExecutorService callbacks =
        Executors.newFixedThreadPool(
            CALLBACK_THREADS,
            runnable -> {
              Thread thread = new Thread(runnable, "docgrid-job-callbacks");
              thread.setDaemon(true);
              return thread;
            });
    node.add(() -> shutDown(callbacks));
    RangeParts parts = new RangeParts(from.blobs(), from.json());
    JobDispatcher dispatcher =
        node.add(new JobDispatcher(ignite, settings.timeout(), callbacks, parts));
    JobLeases leases =
        new JobLeases(from.leases(), dispatcher.localNodeId(), settings.lease(), from.clock());
    Admission admission = new Admission(from.tiers(), from.rateLimiter(), from.jobs());
    FinishWaiters waiters = new FinishWaiters(from.jobs(), dispatcher);
    JobOutcomes outcomes =
        new JobOutcomes(
            from.jobs(),
            from.blobs(),
            parts,
            from.json(),
            from.reuse(),
            from.quarantine(),
            from.usage(),
            from.metrics(),
            waiters,
            admission,
            from.jobEndings(),
            from.errors());
    ProgressLedger progress =
        node.add(
            new ProgressLedger(from.jobs(), from.clock(), dispatcher::isInFlight, PROGRESS_WRITES));
    JobRunner runner =
        new JobRunner(
            from.jobs(),
            dispatcher,
            leases,
            from.quarantine(),
            from.reuse(),
            outcomes,
            from.storedOptions(),
            admission,
            new PagePlanner(settings.pagesPerJob()),
            progress,
            settings.timeout(),
            from.clock());
    LeaseKeeper leaseKeeper =
        node.add(new LeaseKeeper(leases, dispatcher, from.metrics(), runner::dispatchQueued));
    QueueDepth queueDepth =
        new QueueDepth(() -> from.jobs().countByStatus(JobStatus.QUEUED), QUEUE_DEPTH_MAX_AGE);

    dispatcher.onJobFinished(waiters::wake);
    dispatcher.onJobStarted(runner::markStarted);
    dispatcher.onPagesDone(runner::addPagesDone);
    dispatcher.onComputeNodeJoined(runner::dispatchQueued);
    dispatcher.onNodeLeft(leaseKeeper::requeueOrphans);
    from.metrics().registerJobStates(() -> unfinishedCounts(from.jobs()));
    from.metrics()
        .registerOldestQueuedAge(
            () ->
                from.jobs()
                    .oldestCreatedAt(JobStatus.QUEUED)
                    .map(at -> Duration.between(at, from.clock().instant()).toMillis() / 1000.0)
                    .orElse(0.0));

    JobEngine front =
        new JobEngine(
            admission,
            new QueueLimit(queueDepth, config.api().maxQueuedJobs(), from.metrics()),
            new JobIntake(
                from.jobs(),
                leases,
                from.reuse(),
                runner,
                outcomes,
                queueDepth,
                admission,
                from.metrics(),
                from.clock()),
            waiters,
            new JobControl(from.jobs(), dispatcher, runner, outcomes, from.purger(), from.clock()),
            new DocumentProbe(
                dispatcher, admission, new ProcessingEstimates(from.jobs(), from.clock())));
    return new Engine(front, dispatcher, leaseKeeper);
  }

  private static Map<String, Long> unfinishedCounts(JobRepository jobs) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.RUNNING)) {
      counts.put(status.wireName(), jobs.countByStatus(status));
    }
    return counts;
  }

  private static void shutDown(ExecutorService callbacks) {
    callbacks.shutdown();
    try {
      callbacks.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
