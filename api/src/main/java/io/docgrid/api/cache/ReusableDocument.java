package io.docgrid.api.cache;

import io.docgrid.api.jobs.PageSource;
import io.docgrid.tasks.process.StoredDocument;

/**
 * A processed document another job may reuse: what is known of it, and where its pages are read
 * from (a cache entry, or the stored result of the job that computed it).
 */
public record ReusableDocument(StoredDocument document, PageSource pages) {}
