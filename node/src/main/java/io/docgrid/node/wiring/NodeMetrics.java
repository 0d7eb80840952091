package io.docgrid.node.wiring;

import io.docgrid.api.ApiServer;
import io.docgrid.api.metrics.CertificateMetrics;
import io.docgrid.api.metrics.ExtractionMetrics;
import io.docgrid.api.metrics.JvmLimitMetrics;
import io.docgrid.node.config.GridTls;
import io.prometheus.client.CollectorRegistry;

/**
 * The metrics that {@code serve} and {@code worker} export alike, beyond the JVM's defaults: the
 * direct memory limit, the extraction children and PaddleOCR batches of a compute node, and when
 * the certificates the node presents expire.
 */
final class NodeMetrics {

  private NodeMetrics() {}

  /**
   * @param compute the node's compute role, null on a node that runs no document jobs
   * @param gridTls the grid's TLS, null for plain TCP
   * @param https the API's TLS, null on plain HTTP or where there is no API
   */
  static void register(
      CollectorRegistry registry, ComputeRole compute, GridTls gridTls, ApiServer.Tls https) {
    new JvmLimitMetrics().register(registry);
    if (compute != null) {
      new ExtractionMetrics(compute::extractionChildDeaths).register(registry);
      compute.ocrBatchMetrics().register(registry);
    }
    CertificateMetrics certificates = new CertificateMetrics();
    if (gridTls != null) {
      certificates.presenting("grid", gridTls.keyStore(), gridTls.keyStorePassword());
    }
    if (https != null) {
      certificates.presenting("https", https.keystore(), https.password());
    }
    certificates.register(registry);
  }
}
