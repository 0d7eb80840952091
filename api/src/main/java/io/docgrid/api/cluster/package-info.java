/** The cluster as an admin sees it: nodes, their roles and load, and the job queue. */
package io.docgrid.api.cluster;
