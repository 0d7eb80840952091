/** The small HTTP endpoint of nodes without the API: health, readiness and metrics. */
package io.docgrid.api.status;
