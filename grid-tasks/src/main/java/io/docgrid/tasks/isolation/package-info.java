/** Document extraction in supervised child JVMs, so that a hostile document cannot harm a node. */
package io.docgrid.tasks.isolation;
