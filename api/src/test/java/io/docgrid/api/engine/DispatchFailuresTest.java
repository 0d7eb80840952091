package io.docgrid.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.cluster.ClusterGroupEmptyException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.compute.ComputeTaskCancelledException;
import org.apache.ignite.compute.ComputeTaskTimeoutException;
import org.apache.ignite.lang.IgniteFutureCancelledException;
import org.junit.jupiter.api.Test;

/** One test per row of the table that turns the grid's failures into dispatch outcomes. */
class DispatchFailuresTest {

  private static final boolean RUNNING = false;
  private static final boolean STOPPING = true;

  @Test
  void a_document_error_is_a_rejection_with_its_code_and_message() {
    var failure =
        new DocumentProcessingException(DocumentErrorCode.DOCUMENT_ENCRYPTED, "locked", null);

    assertThat(DispatchFailures.outcomeOf(failure, RUNNING))
        .isEqualTo(new DispatchOutcome.Rejected(DocumentErrorCode.DOCUMENT_ENCRYPTED, "locked"));
  }

  @Test
  void a_task_timeout_is_timed_out() {
    assertThat(DispatchFailures.outcomeOf(new ComputeTaskTimeoutException("late"), RUNNING))
        .isInstanceOf(DispatchOutcome.TimedOut.class);
  }

  @Test
  void no_compute_node_in_the_group_is_no_worker() {
    assertThat(DispatchFailures.outcomeOf(new ClusterGroupEmptyException("none"), RUNNING))
        .isInstanceOf(DispatchOutcome.NoWorker.class);
  }

  @Test
  void a_compute_node_that_left_is_no_worker() {
    assertThat(DispatchFailures.outcomeOf(new ClusterTopologyException("left"), RUNNING))
        .isInstanceOf(DispatchOutcome.NoWorker.class);
  }

  @Test
  void an_interrupted_wait_is_interrupted() {
    var failure = new IgniteInterruptedException(new InterruptedException("stop"));

    assertThat(DispatchFailures.outcomeOf(failure, RUNNING))
        .isInstanceOf(DispatchOutcome.Interrupted.class);
  }

  @Test
  void a_cancelled_future_is_interrupted() {
    assertThat(DispatchFailures.outcomeOf(new IgniteFutureCancelledException("gone"), RUNNING))
        .isInstanceOf(DispatchOutcome.Interrupted.class);
  }

  @Test
  void a_cancelled_task_is_interrupted() {
    assertThat(DispatchFailures.outcomeOf(new ComputeTaskCancelledException("gone"), RUNNING))
        .isInstanceOf(DispatchOutcome.Interrupted.class);
  }

  @Test
  void any_other_failure_while_this_node_stops_is_interrupted() {
    // Whatever the grid throws as it shuts down, its wording included, is the shutdown's.
    var failure = new IllegalStateException("Grid is in invalid state to perform this operation");

    assertThat(DispatchFailures.outcomeOf(failure, STOPPING))
        .isInstanceOf(DispatchOutcome.Interrupted.class);
  }

  @Test
  void any_other_failure_while_this_node_runs_is_a_crash_that_keeps_the_failure() {
    // The old rule matched "stopping" in the message; a running node now never reads it so.
    var failure = new IllegalStateException("node is stopping");

    assertThat(DispatchFailures.outcomeOf(failure, RUNNING))
        .isEqualTo(new DispatchOutcome.Crashed(failure));
  }

  @Test
  void the_first_row_found_along_the_cause_chain_decides() {
    var wrapped =
        new IgniteException(
            "task failed",
            new DocumentProcessingException(DocumentErrorCode.DOCUMENT_CORRUPT, "bad xref", null));

    assertThat(DispatchFailures.outcomeOf(wrapped, STOPPING))
        .isEqualTo(new DispatchOutcome.Rejected(DocumentErrorCode.DOCUMENT_CORRUPT, "bad xref"));
  }

  @Test
  void the_table_has_a_test_above_for_each_row() {
    assertThat(DispatchFailures.TABLE)
        .extracting(DispatchFailures.Row::kind)
        .containsExactly(
            DocumentProcessingException.class,
            ComputeTaskTimeoutException.class,
            ClusterGroupEmptyException.class,
            ClusterTopologyException.class,
            IgniteInterruptedException.class,
            IgniteFutureCancelledException.class,
            ComputeTaskCancelledException.class);
  }
}
