package io.docgrid.api.engine;

import io.docgrid.api.metrics.ApiMetrics;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's part in job durability on a beat: renews the leases of the jobs it runs, stops
 * those another node took over, and queues again what no live node holds, then has the queue
 * dispatched.
 */
public final class LeaseKeeper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final JobLeases leases;
  private final JobDispatcher dispatcher;
  private final ApiMetrics metrics;
  private final Runnable dispatchQueued;
  private final ScheduledExecutorService beat =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "docgrid-job-leases");
            thread.setDaemon(true);
            return thread;
          });

  public LeaseKeeper(
      JobLeases leases, JobDispatcher dispatcher, ApiMetrics metrics, Runnable dispatchQueued) {
    this.leases = leases;
    this.dispatcher = dispatcher;
    this.metrics = metrics;
    this.dispatchQueued = dispatchQueued;
  }

  /** Sweeps now, and from then on every third of a lease. */
  public void start() {
    requeueOrphans();
    long every = leases.renewalInterval().toMillis();
    beat.scheduleWithFixedDelay(this::keepLeases, every, every, TimeUnit.MILLISECONDS);
  }

  /** Queues again the jobs of nodes that left or stopped renewing, and dispatches the queue. */
  public void requeueOrphans() {
    List<UUID> requeued = leases.requeueOrphans(dispatcher.liveNodeIds());
    if (!requeued.isEmpty()) {
      metrics.jobsRequeued(requeued.size());
      log.info("queued again {} jobs whose node left or stopped renewing", requeued.size());
    }
    dispatchQueued.run();
  }

  private void keepLeases() {
    try {
      for (UUID lost : leases.renew(dispatcher.inFlightIds())) {
        // Another node took the job over after this one failed to renew in time: it runs there.
        log.warn("job {} was taken over by another node; stopping it here", lost);
        dispatcher.cancelLocally(lost);
      }
      requeueOrphans();
    } catch (RuntimeException e) {
      log.warn("could not renew job leases; retrying shortly", e);
    }
  }

  @Override
  public void close() {
    beat.shutdownNow();
  }
}
