/**
 * The result cache: results reused by document hash and options across the cluster, identical
 * requests in flight computed once, and the admin routes that show and purge it.
 */
package io.docgrid.api.cache;
