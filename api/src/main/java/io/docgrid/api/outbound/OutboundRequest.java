package io.docgrid.api.outbound;

import java.util.Map;

/**
 * A request to a URL a caller named.
 *
 * @param headers sent to the URL's origin only: a redirect to another origin drops them, as
 *     browsers drop credentials
 * @param body null for none
 * @param followRedirects whether 301, 302, 303, 307 and 308 are followed (each target checked
 *     again, at most {@link OutboundClient#MAX_REDIRECTS}); otherwise they are the response
 */
public record OutboundRequest(
    String method, String url, Map<String, String> headers, byte[] body, boolean followRedirects) {

  public OutboundRequest {
    headers = Map.copyOf(headers);
  }

  public static OutboundRequest get(String url, Map<String, String> headers) {
    return new OutboundRequest("GET", url, headers, null, true);
  }

  /** A POST whose redirects are answers, not followed: a webhook delivery. */
  public static OutboundRequest post(String url, Map<String, String> headers, byte[] body) {
    return new OutboundRequest("POST", url, headers, body, false);
  }
}
