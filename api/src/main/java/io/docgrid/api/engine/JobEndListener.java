package io.docgrid.api.engine;

import io.docgrid.sql.model.Job;

/**
 * Told of each job that has ended (succeeded, failed or cancelled), with the job's row as it then
 * is: by the node that recorded the ending, and again by {@link JobEndings#sweep} if that node
 * stopped before it could tell, so at least once and possibly twice. Telling twice must have the
 * effect of telling once. A listener that fails throws, and is told again later.
 */
@FunctionalInterface
public interface JobEndListener {

  JobEndListener NONE = job -> {};

  void jobEnded(Job job);
}
