package io.docgrid.node.config;

import java.nio.file.Path;

/**
 * TLS with client certificates for the grid's discovery and communication: this node's certificate
 * and key ({@code keyStore}, PKCS12) and the certificates it accepts from peers ({@code
 * trustStore}, PKCS12, usually the cluster's CA). A node without a certificate the trust store
 * accepts cannot join.
 */
public record GridTls(
    Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

  @Override
  public String toString() {
    return "GridTls[keyStore="
        + keyStore
        + ", keyStorePassword=<redacted>, trustStore="
        + trustStore
        + ", trustStorePassword=<redacted>]";
  }
}
