/** Typed node configuration, its sources (flags and environment) and its validation. */
package io.docgrid.node.config;
