/**
 * Cross-cutting HTTP concerns: request ids, who a request came from (behind trusted proxies too)
 * and the problem responses.
 */
package io.docgrid.api.http;
