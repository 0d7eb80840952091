/** Renderings of results that need the original document: the searchable PDF. */
package io.docgrid.tasks.output;
