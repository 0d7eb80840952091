/** Ignite node configuration built from DocGrid's own settings. */
package io.docgrid.node.grid;
