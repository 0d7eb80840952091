package io.docgrid.node.wiring;

import io.docgrid.api.status.StatusServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started worker. Closing it turns readiness off, lets the jobs running here finish for the grace
 * period, then leaves the grid: jobs still running are re-mapped to other nodes by Ignite's
 * failover, and their submitting nodes never see them lost. Draining it waits for its jobs without
 * that limit (they have their own timeout), since no new ones arrive, then closes it.
 */
public final class RunningWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunningWorker.class);

  private final Deque<AutoCloseable> resources;
  private final Ignite grid;
  private final StatusServer status;
  private final Duration shutdownGrace;
  private final Duration drainLimit;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private RunningWorker(Builder builder) {
    this.resources = builder.resources;
    this.grid = builder.grid;
    this.status = builder.status;
    this.shutdownGrace = builder.shutdownGrace;
    this.drainLimit = builder.drainLimit;
  }

  /**
   * @param drainLimit the longest a drain waits for the jobs here: their timeout and a margin
   */
  static Builder builder(Duration shutdownGrace, Duration drainLimit) {
    return new Builder(shutdownGrace, drainLimit);
  }

  /** Blocks until the worker has stopped, by {@link #close} or after a drain. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /**
   * Called once the grid no longer sends this node jobs: readiness turns off, the jobs here finish,
   * and the worker leaves the grid.
   */
  void drain() {
    log.info("draining: no new grid jobs come here; leaving once the running ones finish");
    if (status != null) {
      status.markStopping();
    }
    try {
      // A job dispatched just before the drain may not show in the node's job counts at once.
      awaitLocalJobs(drainLimit, Duration.ofSeconds(3));
    } catch (IllegalStateException stoppedMeanwhile) {
      log.info("the grid node stopped while draining");
    }
    close();
  }

  public int statusPort() {
    return status.port();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("stopping worker");
    if (status != null) {
      status.markStopping();
    }
    if (grid != null) {
      awaitLocalJobs(shutdownGrace, Duration.ZERO);
    }
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("error while closing {}", resource.getClass().getSimpleName(), e);
      }
    }
    log.info("worker stopped");
    stopped.countDown();
  }

  /** Returns once no job has run or waited here for {@code quiet}, or after {@code limit}. */
  private void awaitLocalJobs(Duration limit, Duration quiet) {
    long deadline = System.nanoTime() + limit.toNanos();
    long idleSince = -1;
    try {
      while (System.nanoTime() < deadline) {
        ClusterMetrics local = grid.cluster().localNode().metrics();
        if (local.getCurrentActiveJobs() + local.getCurrentWaitingJobs() > 0) {
          idleSince = -1;
        } else if (idleSince < 0) {
          idleSince = System.nanoTime();
        }
        if (idleSince >= 0 && System.nanoTime() - idleSince >= quiet.toNanos()) {
          return;
        }
        Thread.sleep(100);
      }
      log.warn("jobs still running after {} move to other nodes", limit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class Builder {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Duration shutdownGrace;
    private final Duration drainLimit;
    private Ignite grid;
    private StatusServer status;

    private Builder(Duration shutdownGrace, Duration drainLimit) {
      this.shutdownGrace = shutdownGrace;
      this.drainLimit = drainLimit;
    }

    <T extends AutoCloseable> T add(T resource) {
      resources.push(resource);
      return resource;
    }

    void grid(Ignite grid) {
      this.grid = grid;
    }

    StatusServer status(StatusServer status) {
      this.status = status;
      return status;
    }

    RunningWorker build() {
      return new RunningWorker(this);
    }
  }
}
