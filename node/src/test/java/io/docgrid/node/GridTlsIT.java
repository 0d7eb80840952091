package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grid TLS with client certificates, with separate processes: a worker whose certificate the
 * cluster's CA signed joins a serve; a worker without TLS and one with a certificate the CA never
 * signed are refused, never appear in the cluster, and exit with an error.
 */
class GridTlsIT {

  @Test
  void only_nodes_with_a_certificate_signed_by_the_cluster_ca_join(@TempDir Path temp)
      throws Exception {
    GridCertificates certificates = GridCertificates.withCa(temp.resolve("pki"));
    Path data = temp.resolve("data");
    List<String> grid =
        GridProcesses.gridOnFreePorts(
            "--join-timeout", "10s", "--worker-heap", "256m", "--worker-processes", "1");
    List<String> serveArgs = new ArrayList<>(grid);
    serveArgs.addAll(certificates.flags(certificates.signedKeyStore("serve")));
    try (ServeProcess serve =
        ServeProcess.startWithGridDefaults(
            data, temp.resolve("serve.log"), serveArgs.toArray(String[]::new))) {

      int statusPort = FreePorts.block(1);
      List<String> trusted = GridProcesses.workerArgs(data, statusPort, grid);
      trusted.addAll(certificates.flags(certificates.signedKeyStore("worker")));
      try (DocgridProcess worker = DocgridProcess.launch(temp.resolve("worker.log"), trusted)) {
        worker.awaitOk("http://127.0.0.1:" + statusPort + "/api/v1/ready", Duration.ofSeconds(90));
        assertThat(serverNodes(serve)).as(serve.tail()).hasSize(2);

        List<String> plain = GridProcesses.workerArgs(data, FreePorts.block(1), grid);
        assertRefused(serve, DocgridProcess.launch(temp.resolve("plain.log"), plain));

        List<String> stranger = GridProcesses.workerArgs(data, FreePorts.block(1), grid);
        stranger.addAll(certificates.flags(certificates.selfSignedKeyStore("stranger")));
        assertRefused(serve, DocgridProcess.launch(temp.resolve("stranger.log"), stranger));

        assertThat(serverNodes(serve)).hasSize(2);
      }
    }
  }

  private static void assertRefused(ServeProcess serve, DocgridProcess refused) throws Exception {
    try (refused) {
      Integer exitCode = refused.awaitExit(Duration.ofSeconds(90));
      assertThat(exitCode).as("still running:\n" + refused.tail()).isNotNull();
      String output = refused.output();
      assertThat(exitCode).as(output).isEqualTo(1);
      assertThat(output.lines().filter(line -> line.startsWith("error: could not join the grid")))
          .as(output)
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("--grid-tls-keystore");
      assertThat(serverNodes(serve)).as(serve.tail()).hasSize(2);
    }
  }

  private static JsonNode serverNodes(ServeProcess serve) throws Exception {
    return json(serve.http.get("/api/v1/cluster")).get("nodes");
  }
}
