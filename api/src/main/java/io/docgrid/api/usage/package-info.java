/** Usage logs: one row per request and per finished job, written in the background. */
package io.docgrid.api.usage;
