package io.docgrid.node;

import static io.docgrid.node.GridProcesses.awaitServerNodes;
import static io.docgrid.node.GridProcesses.numberedPdf;
import static io.docgrid.node.GridProcesses.worker;
import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.InProcessS3;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `serve` and two `worker` processes on one host: the workers join with no grid flags, and a
 * 60-page PDF is processed by all three nodes, in page order.
 */
class WorkerClusterIT {

  private static final int PAGES = 60;

  @Test
  void workers_join_a_serve_on_the_same_host_with_no_flags_and_share_its_work(@TempDir Path temp)
      throws Exception {
    Path data = temp.resolve("data");
    List<String> jobFlags = List.of("--worker-heap", "256m", "--worker-processes", "2");
    try (ServeProcess serve =
            ServeProcess.startWithGridDefaults(
                data, temp.resolve("serve.log"), jobFlags.toArray(String[]::new));
        DocgridProcess first = worker(data, temp.resolve("worker-1.log"), jobFlags);
        DocgridProcess second = worker(data, temp.resolve("worker-2.log"), jobFlags)) {
      awaitServerNodes(serve, 3);

      HttpResponse<String> accepted = serve.http.submit("long.pdf", numberedPdf(PAGES, ""), null);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      String id = json(accepted).get("id").asText();
      JsonNode job = serve.http.awaitFinished(id, Duration.ofMinutes(3));
      assertThat(job.get("status").asText()).as(job + serve.tail()).isEqualTo("succeeded");

      JsonNode result = json(serve.http.get("/api/v1/jobs/" + id + "/result"));
      assertThat(result.at("/manifest/nodeIds")).as(result.at("/manifest").toString()).hasSize(3);
      assertThat(result.get("pages")).hasSize(PAGES);
      for (int page = 1; page <= PAGES; page++) {
        assertThat(result.get("pages").get(page - 1).get("text").asText())
            .contains("This is page " + page + " of " + PAGES);
      }
    }
  }

  @Test
  void with_the_s3_blob_store_nodes_share_no_directory_and_still_share_the_work(@TempDir Path temp)
      throws Exception {
    try (InProcessS3 s3 = InProcessS3.start()) {
      String bucket = s3.createBucket();
      Path credentials =
          java.nio.file.Files.writeString(
              temp.resolve("s3-credentials"),
              "access_key_id="
                  + InProcessS3.ACCESS_KEY_ID
                  + "\nsecret_access_key="
                  + InProcessS3.SECRET_ACCESS_KEY
                  + "\n");
      List<String> flags =
          GridProcesses.gridOnFreePorts(
              "--worker-heap",
              "256m",
              "--worker-processes",
              "2",
              "--blob-store",
              "s3",
              "--s3-bucket",
              bucket,
              "--s3-endpoint",
              s3.endpoint().toString(),
              "--s3-path-style",
              "--s3-credentials-file",
              credentials.toString());
      try (ServeProcess serve =
              ServeProcess.startWithGridDefaults(
                  temp.resolve("serve"), temp.resolve("serve.log"), flags.toArray(String[]::new));
          DocgridProcess first = worker(temp.resolve("w1"), temp.resolve("worker-1.log"), flags);
          DocgridProcess second = worker(temp.resolve("w2"), temp.resolve("worker-2.log"), flags)) {
        awaitServerNodes(serve, 3);
        HttpResponse<String> accepted = serve.http.submit("long.pdf", numberedPdf(PAGES, ""), null);
        String id = json(accepted).get("id").asText();
        JsonNode job = serve.http.awaitFinished(id, Duration.ofMinutes(3));
        assertThat(job.get("status").asText()).as(job + serve.tail()).isEqualTo("succeeded");
        JsonNode result = json(serve.http.get("/api/v1/jobs/" + id + "/result"));
        assertThat(result.at("/manifest/nodeIds")).hasSize(3);
        assertThat(result.get("pages")).hasSize(PAGES);
        assertThat(s3.keys(bucket)).anyMatch(key -> key.startsWith("results/"));
      }
    }
  }
}
