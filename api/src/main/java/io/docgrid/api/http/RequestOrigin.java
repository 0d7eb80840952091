package io.docgrid.api.http;

/**
 * Who sent a request, and to which URL, as the caller saw it: behind a trusted proxy, what its
 * {@code X-Forwarded-*} headers say; otherwise what the socket and the {@code Host} header say.
 *
 * @param clientAddress the caller's IP address: the key of anonymous rate limits and of the logs
 * @param baseUrl {@code scheme://host[:port]} of the URL the caller called, with no trailing slash
 */
public record RequestOrigin(String clientAddress, String baseUrl) {

  /** The absolute URL of {@code path} on this API, as the caller reaches it. */
  public String url(String path) {
    return baseUrl + path;
  }
}
