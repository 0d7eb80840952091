package io.docgrid.api.engine;

import io.docgrid.tasks.document.DocumentProcessingException;
import java.util.List;
import java.util.function.Function;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.cluster.ClusterGroupEmptyException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.compute.ComputeTaskCancelledException;
import org.apache.ignite.compute.ComputeTaskTimeoutException;
import org.apache.ignite.lang.IgniteFutureCancelledException;

/**
 * How a failure that came back from the grid ends a dispatch, as a table: the first row whose kind
 * of failure appears in the failure's cause chain, outermost first, decides. A failure no row names
 * is this node's shutdown when the node is stopping, and a crash otherwise.
 */
final class DispatchFailures {

  /** One row: failures of {@code kind} end the dispatch as {@code outcome} says. */
  record Row(Class<? extends Throwable> kind, Function<Throwable, DispatchOutcome> outcome) {}

  static final List<Row> TABLE =
      List.of(
          new Row(
              DocumentProcessingException.class,
              failure -> {
                DocumentProcessingException rejected = (DocumentProcessingException) failure;
                return new DispatchOutcome.Rejected(rejected.code(), rejected.getMessage());
              }),
          new Row(ComputeTaskTimeoutException.class, failure -> new DispatchOutcome.TimedOut()),
          new Row(ClusterGroupEmptyException.class, failure -> new DispatchOutcome.NoWorker()),
          new Row(ClusterTopologyException.class, failure -> new DispatchOutcome.NoWorker()),
          new Row(IgniteInterruptedException.class, failure -> new DispatchOutcome.Interrupted()),
          new Row(
              IgniteFutureCancelledException.class, failure -> new DispatchOutcome.Interrupted()),
          new Row(
              ComputeTaskCancelledException.class, failure -> new DispatchOutcome.Interrupted()));

  private DispatchFailures() {}

  /**
   * @param nodeStopping whether this node is shutting down: the grid then fails whatever it still
   *     runs from here, with whatever exception it has at hand, and another node or the next start
   *     takes those jobs up
   */
  static DispatchOutcome outcomeOf(Throwable failure, boolean nodeStopping) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      for (Row row : TABLE) {
        if (row.kind().isInstance(cause)) {
          return row.outcome().apply(cause);
        }
      }
    }
    return nodeStopping ? new DispatchOutcome.Interrupted() : new DispatchOutcome.Crashed(failure);
  }
}
