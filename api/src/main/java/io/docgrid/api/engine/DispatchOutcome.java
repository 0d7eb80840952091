package io.docgrid.api.engine;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.process.TaskOutcome;

/** How a dispatched job ended, in our terms rather than Ignite's. */
sealed interface DispatchOutcome {

  /** The grid brought the document back processed, or, from a first look, counted. */
  record Completed(TaskOutcome document) implements DispatchOutcome {}

  /** The document itself is the problem (corrupt, encrypted, ...): retrying will not help. */
  record Rejected(DocumentErrorCode code, String message) implements DispatchOutcome {}

  record TimedOut() implements DispatchOutcome {}

  /** No compute node could take or finish it; the job goes back to the queue. */
  record NoWorker() implements DispatchOutcome {}

  /** This node is shutting down; the job is picked up again at the next start. */
  record Interrupted() implements DispatchOutcome {}

  record Crashed(Throwable failure) implements DispatchOutcome {}
}
