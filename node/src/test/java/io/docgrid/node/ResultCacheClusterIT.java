package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docgrid.api.cache.ResultCacheKey;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.tasks.grid.GridNames;
import io.docgrid.testkit.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result cache across two server nodes: its one backup keeps entries when a node is lost. */
class ResultCacheClusterIT {

  @Test
  void an_entry_survives_the_loss_of_the_node_holding_its_primary_copy(@TempDir Path temp)
      throws Exception {
    int discovery = FreePorts.block(5);
    Path blobs = temp.resolve("shared-blobs");
    // No near caches: what the surviving node answers must come from the grid.
    TestNode computing =
        withoutNearCache(temp.resolve("a"), blobs, discovery).compute(true).start();
    TestNode apiOnly = withoutNearCache(temp.resolve("b"), blobs, discovery).start();
    List<TestNode> running = new ArrayList<>(List.of(computing, apiOnly));
    try {
      byte[] document = ("Kept twice: " + UUID.randomUUID()).getBytes();
      HttpResponse<String> first = computing.http.submit("a.txt", document, null);
      JsonNode computed =
          computing.http.awaitFinished(json(first).get("id").asText(), Duration.ofSeconds(60));
      assertThat(computed.get("status").asText()).isEqualTo("succeeded");

      // Stats and purges run on both nodes' entries, through the node that holds none of its own.
      byte[] purgedLater = ("Purged: " + UUID.randomUUID()).getBytes();
      JsonNode other =
          computing.http.awaitFinished(
              json(computing.http.submit("c.txt", purgedLater, null)).get("id").asText(),
              Duration.ofSeconds(60));
      JsonNode stats = json(apiOnly.http.get("/api/v1/cache"));
      assertThat(stats.get("entries").asLong()).isEqualTo(2);
      assertThat(stats.get("bytes").asLong()).isPositive();
      HttpResponse<String> purged =
          apiOnly.http.delete("/api/v1/cache/" + other.at("/document/sha256").asText());
      assertThat(json(purged).get("removed").asLong()).as(purged.body()).isEqualTo(1);

      TestNode primary = holderOfPrimaryCopy(running);
      primary.close();
      running.remove(primary);
      TestNode survivor = running.get(0);

      HttpResponse<String> again = survivor.http.submit("b.txt", document, null);

      assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
      assertThat(again.headers().firstValue("X-Cache")).contains("HIT");
      JsonNode hit = json(again);
      assertThat(hit.get("status").asText()).isEqualTo("succeeded");
      JsonNode result =
          json(survivor.http.get("/api/v1/jobs/" + hit.get("id").asText() + "/result"));
      assertThat(result.at("/pages/0/text").asText()).contains(new String(document));
    } finally {
      running.forEach(TestNode::close);
    }
  }

  private static TestNode holderOfPrimaryCopy(List<TestNode> nodes) {
    Ignite ignite = Ignition.ignite(nodes.get(0).gridName());
    List<ResultCacheKey> keys = new ArrayList<>();
    ScanQuery<ResultCacheKey, byte[]> all = new ScanQuery<>();
    for (Cache.Entry<ResultCacheKey, byte[]> entry :
        ignite.<ResultCacheKey, byte[]>cache(GridNames.RESULT_CACHE).query(all)) {
      keys.add(entry.getKey());
    }
    assertThat(keys).hasSize(1);
    ClusterNode primary = ignite.affinity(GridNames.RESULT_CACHE).mapKeyToNode(keys.get(0));
    for (TestNode node : nodes) {
      if (Ignition.ignite(node.gridName()).cluster().localNode().id().equals(primary.id())) {
        return node;
      }
    }
    throw new AssertionError("no node holds the primary copy");
  }

  private static TestNodeConfig withoutNearCache(Path dataDir, Path blobs, int discovery) {
    return TestNodeConfig.in(dataDir)
        .blobs(blobs)
        .cluster(discovery)
        .resultCache(new NodeConfig.ResultCacheConfig(true, Duration.ofDays(7), 0));
  }
}
