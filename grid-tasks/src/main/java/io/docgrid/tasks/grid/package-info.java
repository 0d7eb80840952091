/**
 * The grid's contract between nodes: the names of its topics, caches, data regions and attributes,
 * typed topics, and the wire form of the records that travel on them.
 */
package io.docgrid.tasks.grid;
