package io.docgrid.tasks.process;

/**
 * What a {@link ProcessDocumentTask} ends with, on the node that ran it: the document with its
 * pages stored range by range, or, from a first look at a document too long for one job, only its
 * facts. Never sent over the grid.
 */
public sealed interface TaskOutcome permits StoredDocument, CountedDocument {}
