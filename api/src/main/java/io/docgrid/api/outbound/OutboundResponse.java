package io.docgrid.api.outbound;

import java.io.InputStream;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * The answer to an {@link OutboundRequest}, read while the connection is open.
 *
 * @param uri the URL that answered, after redirects
 * @param headers a header's first value by name, null when absent
 * @param body the response body, read at most as far as the reader needs
 */
public record OutboundResponse(
    int status, URI uri, UnaryOperator<String> headers, InputStream body) {

  public String header(String name) {
    return headers.apply(name);
  }
}
