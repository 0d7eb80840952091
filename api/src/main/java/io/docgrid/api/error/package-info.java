/** Error codes and the single mapping from failures to RFC 9457 problem responses. */
package io.docgrid.api.error;
