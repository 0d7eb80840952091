package io.docgrid.tasks.process;

import io.docgrid.tasks.grid.GridNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.spi.IgniteSpiAdapter;
import org.apache.ignite.spi.IgniteSpiMultipleInstancesSupport;
import org.apache.ignite.spi.collision.CollisionContext;
import org.apache.ignite.spi.collision.CollisionExternalListener;
import org.apache.ignite.spi.collision.CollisionJobContext;
import org.apache.ignite.spi.collision.CollisionSpi;

/**
 * Runs at most {@code parallelJobs} grid jobs at once on a compute node and chooses among the
 * waiting ones by {@link FairShare}: tenants (the task session's {@link
 * GridNames#TASK_TENANT_ATTRIBUTE}) share the slots in proportion to their tier's weight, so one
 * tenant's thousand-page batch cannot hold back another's single page, and a higher tier still goes
 * first among equals. Jobs without a tenant (Ignite's own) share one anonymous lane.
 */
@IgniteSpiMultipleInstancesSupport(true)
public final class FairShareCollisionSpi extends IgniteSpiAdapter implements CollisionSpi {

  private static final String NO_TENANT = "";

  private final int parallelJobs;
  private final FairShare fairShare = new FairShare();

  public FairShareCollisionSpi(int parallelJobs) {
    if (parallelJobs < 1) {
      throw new IllegalArgumentException("parallelJobs must be at least 1, got " + parallelJobs);
    }
    this.parallelJobs = parallelJobs;
  }

  @Override
  public synchronized void onCollision(CollisionContext context) {
    int free = parallelJobs - context.activeJobs().size();
    if (free <= 0 || context.waitingJobs().isEmpty()) {
      return;
    }
    List<FairShare.Candidate<CollisionJobContext>> waiting = candidates(context.waitingJobs());
    while (free > 0 && !waiting.isEmpty()) {
      FairShare.Candidate<CollisionJobContext> next = fairShare.next(waiting);
      waiting.remove(next);
      if (next.job().activate()) {
        fairShare.started(next);
        free--;
      }
    }
  }

  private static List<FairShare.Candidate<CollisionJobContext>> candidates(
      Collection<CollisionJobContext> jobs) {
    List<FairShare.Candidate<CollisionJobContext>> candidates = new ArrayList<>(jobs.size());
    for (CollisionJobContext job : jobs) {
      ComputeTaskSession session = job.getTaskSession();
      Object tenant = session.getAttribute(GridNames.TASK_TENANT_ATTRIBUTE);
      Object priority = session.getAttribute(GridNames.TASK_PRIORITY_ATTRIBUTE);
      int level = priority instanceof Integer value ? Math.max(0, value) : 0;
      candidates.add(
          new FairShare.Candidate<>(
              job, tenant instanceof String name ? name : NO_TENANT, weightOf(level), level));
    }
    return candidates;
  }

  /** A tier's share of the slots grows with its priority; priority 0 still gets one part. */
  static int weightOf(int priority) {
    return priority + 1;
  }

  @Override
  public void setExternalCollisionListener(CollisionExternalListener listener) {
    // Slots are only counted here, never changed from outside: nothing to listen for.
  }

  @Override
  public void spiStart(String igniteInstanceName) {
    // Nothing to start: the state is the fair-share clock, made in the constructor.
  }

  @Override
  public void spiStop() {
    // Nothing to stop.
  }
}
