/**
 * {@code docgrid admin}: commands that manage a running DocGrid cluster through its HTTP API, with
 * an admin key.
 */
package io.docgrid.node.admin;
