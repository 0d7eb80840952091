/** The web playground served by every API node at {@code /}. */
package io.docgrid.api.playground;
