/**
 * How a compute node turns a stored document into pages: {@link
 * io.docgrid.tasks.extraction.DocumentExtraction}, done in the node's own JVM here and in child
 * JVMs by {@code isolation}, both through the one {@link io.docgrid.tasks.pipeline.PagePipeline}.
 */
package io.docgrid.tasks.extraction;
