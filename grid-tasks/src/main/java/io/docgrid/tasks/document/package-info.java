/** Reading documents: what a file really is, and the text of each of its pages. */
package io.docgrid.tasks.document;
