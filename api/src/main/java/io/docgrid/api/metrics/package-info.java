/** Prometheus metrics of the API and the jobs it runs. */
package io.docgrid.api.metrics;
