/** What each tier may do, and the cluster-wide buckets that hold callers to it. */
package io.docgrid.api.limits;
