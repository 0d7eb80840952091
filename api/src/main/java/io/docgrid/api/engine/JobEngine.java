package io.docgrid.api.engine;

/**
 * The engine as the routes' front door uses it: admission and the queue limit to let work in, the
 * intake to store and start it, the waiters to learn when it ends, control over existing jobs, and
 * the probe of dry runs.
 */
public record JobEngine(
    Admission admission,
    QueueLimit queueLimit,
    JobIntake intake,
    FinishWaiters waiters,
    JobControl control,
    DocumentProbe probe) {}
