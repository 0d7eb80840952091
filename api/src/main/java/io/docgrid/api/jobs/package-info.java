/**
 * The jobs resource over HTTP: routes, upload receiving, option parsing, and rendering results;
 * {@link io.docgrid.api.jobs.JobService} is its front door to the job engine.
 */
package io.docgrid.api.jobs;
