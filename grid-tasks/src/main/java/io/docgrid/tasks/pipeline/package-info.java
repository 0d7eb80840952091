/** The document pipeline: options, page selection, and the stages from bytes to page text. */
package io.docgrid.tasks.pipeline;
