/** The docgrid command and its subcommands. */
package io.docgrid.node;
