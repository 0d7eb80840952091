/**
 * Requests DocGrid makes to URLs its callers name (webhooks, URL ingestion), through one guard
 * against server-side request forgery: {@link io.docgrid.api.outbound.OutboundClient}.
 */
package io.docgrid.api.outbound;
