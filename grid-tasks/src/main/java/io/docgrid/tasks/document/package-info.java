/**
 * Reading documents: what a file really is, the text of each of its pages, and the {@link
 * io.docgrid.tasks.document.Stage}s a page passes through.
 */
package io.docgrid.tasks.document;
