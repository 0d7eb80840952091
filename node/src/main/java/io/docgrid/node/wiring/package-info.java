/** Wiring: the one place that constructs and connects DocGrid's parts. */
package io.docgrid.node.wiring;
