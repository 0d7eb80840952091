package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes in one cluster on one host, sharing a blob directory: a long PDF submitted to one is
 * split into page ranges that both process, and the merged result is the document in page order.
 */
class TwoNodeClusterIT {

  @Test
  void page_ranges_of_a_long_pdf_run_on_both_nodes_and_merge_in_order(@TempDir Path temp)
      throws Exception {
    TestNodeConfig firstNode =
        TestNodeConfig.in(temp.resolve("a"))
            .blobs(temp.resolve("shared-blobs"))
            .compute(true)
            .maxUpload(100L << 20)
            .cluster(FreePorts.block(5));
    try (TestNode first = firstNode.start();
        TestNode second = firstNode.sibling(temp.resolve("b")).start()) {
      Path pdf = Corpus.dev("pdfbox__cweb.pdf");
      HttpResponse<String> accepted = first.http.submit("cweb.pdf", Files.readAllBytes(pdf), null);
      assertThat(accepted.statusCode()).isEqualTo(202);
      String id = json(accepted).get("id").asText();

      JsonNode job = first.http.awaitFinished(id, Duration.ofSeconds(120));
      assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
      assertThat(job.get("pages").get("total").asInt()).isEqualTo(28);
      assertThat(job.get("pages").get("done").asInt()).isEqualTo(28);

      JsonNode result = json(first.http.get("/api/v1/jobs/" + id + "/result"));
      assertThat(result.at("/manifest/nodeIds").size()).isEqualTo(2);
      List<String> expected = DirectExtraction.pdfPages(pdf);
      assertThat(result.get("pages")).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(result.get("pages").get(i).get("number").asInt()).isEqualTo(i + 1);
        assertThat(result.get("pages").get(i).get("text").asText()).isEqualTo(expected.get(i));
      }
      assertThat(second.http.get("/api/v1/ready").statusCode()).isEqualTo(200);
    }
  }
}
