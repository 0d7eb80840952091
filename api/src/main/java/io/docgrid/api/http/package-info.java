/** Cross-cutting HTTP concerns: request ids and the problem responses. */
package io.docgrid.api.http;
