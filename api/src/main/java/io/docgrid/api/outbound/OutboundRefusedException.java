package io.docgrid.api.outbound;

/**
 * A URL the outbound guard will not call: a scheme other than HTTP(S), credentials in the URL, an
 * unparsable host, an address (or a name resolving to one) that is internal, or too many redirects.
 * Thrown before any connection to the refused place is attempted; the message is written for the
 * client that named the URL.
 */
public final class OutboundRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OutboundRefusedException(String message) {
    super(message);
  }
}
