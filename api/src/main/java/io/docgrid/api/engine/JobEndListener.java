package io.docgrid.api.engine;

import io.docgrid.sql.model.Job;

/**
 * Told of each job that has just ended (succeeded, failed or cancelled), once, by the node that
 * recorded the ending, with the job's row as it now is. Must not throw.
 */
@FunctionalInterface
public interface JobEndListener {

  JobEndListener NONE = job -> {};

  void jobEnded(Job job);

  /** This listener, then {@code next}. */
  default JobEndListener andThen(JobEndListener next) {
    return job -> {
      jobEnded(job);
      next.jobEnded(job);
    };
  }
}
