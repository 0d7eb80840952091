/** The jobs resource: uploads, the job lifecycle and result rendering. */
package io.docgrid.api.jobs;
