package io.docgrid.api.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When the certificates this node presents expire, by purpose ({@code https}, {@code grid}): the
 * earliest end of validity among each key store's entries, read once when the node starts, since
 * that is when the node loads them.
 */
public final class CertificateMetrics extends Collector {

  private final List<Expiry> expiries = new ArrayList<>();

  /** Adds the certificates of {@code keyStore} (PKCS12 or JKS), used for {@code purpose}. */
  public CertificateMetrics presenting(String purpose, Path keyStore, String password) {
    try {
      KeyStore store = KeyStore.getInstance(keyStore.toFile(), password.toCharArray());
      long earliest = Long.MAX_VALUE;
      for (String alias : Collections.list(store.aliases())) {
        Certificate[] chain = store.getCertificateChain(alias);
        for (Certificate certificate :
            chain != null ? chain : new Certificate[] {store.getCertificate(alias)}) {
          if (certificate instanceof X509Certificate x509) {
            earliest = Math.min(earliest, x509.getNotAfter().getTime() / 1000);
          }
        }
      }
      if (earliest != Long.MAX_VALUE) {
        expiries.add(new Expiry(purpose, earliest));
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the certificates in " + keyStore, e);
    }
    return this;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    GaugeMetricFamily family =
        new GaugeMetricFamily(
            "docgrid_tls_certificate_expiry_timestamp_seconds",
            "When the first certificate this node presents for a purpose expires (Unix time).",
            List.of("purpose"));
    expiries.forEach(expiry -> family.addMetric(List.of(expiry.purpose()), expiry.notAfter()));
    return List.of(family);
  }

  private record Expiry(String purpose, long notAfter) {}
}
