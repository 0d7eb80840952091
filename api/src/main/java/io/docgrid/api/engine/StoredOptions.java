package io.docgrid.api.engine;

import io.docgrid.sql.model.Job;
import io.docgrid.tasks.document.ProcessingOptions;

/** Reads back the processing options a job was stored with, to run it again after a restart. */
@FunctionalInterface
public interface StoredOptions {

  ProcessingOptions of(Job job);
}
