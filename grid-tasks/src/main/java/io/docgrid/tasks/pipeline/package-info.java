/**
 * The page pipeline: {@link io.docgrid.tasks.pipeline.PagePipeline}, assembled in one place for
 * every way a node extracts, the OCR of one page image, and the versions that shape a result.
 */
package io.docgrid.tasks.pipeline;
