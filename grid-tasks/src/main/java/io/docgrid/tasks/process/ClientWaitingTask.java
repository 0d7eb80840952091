package io.docgrid.tasks.process;

import io.docgrid.tasks.grid.GridNames;
import java.util.Collection;
import java.util.List;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.compute.ComputeTaskSplitAdapter;
import org.apache.ignite.resources.TaskSessionResource;

/**
 * A task of one job that a client waits for: it runs at the default priority, and compute nodes
 * share their slots by the tenant it names ({@link FairShareCollisionSpi}). Subclasses carry
 * {@code @ComputeTaskSessionFullSupport}, without which the session attributes are not seen.
 */
abstract class ClientWaitingTask<A, R> extends ComputeTaskSplitAdapter<A, R> {

  private final transient String tenant;

  @TaskSessionResource private transient ComputeTaskSession session;

  ClientWaitingTask(String tenant) {
    this.tenant = tenant;
  }

  @Override
  protected final Collection<? extends ComputeJob> split(int gridSize, A argument) {
    session.setAttribute(GridNames.TASK_PRIORITY_ATTRIBUTE, 0);
    session.setAttribute(GridNames.TASK_TENANT_ATTRIBUTE, tenant);
    return List.of(job(argument));
  }

  /** The one job that does the work. */
  abstract ComputeJob job(A argument);
}
