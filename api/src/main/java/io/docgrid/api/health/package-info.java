/** Liveness and readiness endpoints. */
package io.docgrid.api.health;
