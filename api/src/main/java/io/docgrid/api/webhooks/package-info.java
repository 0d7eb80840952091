/**
 * Signed webhooks (Standard Webhooks v1): tenants' endpoints, the events published to them, and the
 * dispatcher that delivers each recorded delivery with retries, from whichever API node holds its
 * lease.
 */
package io.docgrid.api.webhooks;
