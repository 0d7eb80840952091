/** Storage for uploaded documents (content-addressed) and job results. */
package io.docgrid.tasks.blob;
