package io.docgrid.node;

import static io.docgrid.node.HttpApi.json;
import static io.docgrid.node.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --anonymous-access, callers without a key get the FREE tier, and only what it allows. */
class AnonymousAccessTest {

  @Test
  void anonymous_callers_get_the_free_tier_and_nothing_more(@TempDir Path temp) throws Exception {
    // A small file limit, so that the refused upload fits the socket buffers: a client that
    // sends a large body without reading the early 413 sees a broken pipe instead.
    try (TestNode node =
        TestNodeConfig.in(temp.resolve("data"))
            .maxUpload(20L << 20)
            .securityFlags("--anonymous-access", "--tier-limit", "FREE.max-file-size=64KB")
            .start()) {
      HttpApi anonymous = node.http.anonymous();
      var me = json(anonymous.get("/api/v1/keys/me"));
      assertThat(me.get("principal").asText()).isEqualTo("anonymous");
      assertThat(me.get("tier").asText()).isEqualTo("FREE");

      HttpResponse<String> accepted = anonymous.submit("a.txt", "hello".getBytes(), null);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      // The tier's file limit applies, although the server takes 20 MiB.
      problem(anonymous.submit("big.txt", new byte[100 * 1024], null), 413, "FILE_TOO_LARGE");
      problem(anonymous.get("/api/v1/keys"), 403, "INSUFFICIENT_SCOPE");
      // A credential that is sent must still be valid.
      problem(node.http.as("dg_live_nonsense").get("/api/v1/jobs"), 401, "INVALID_CREDENTIALS");

      int limited = 0;
      for (int i = 0; i < 10; i++) {
        if (anonymous.get("/api/v1/jobs").statusCode() == 429) {
          limited++;
        }
      }
      // Ten a minute: four were used above (refused ones too), so four of these ten are refused.
      assertThat(limited).isEqualTo(4);
      // Keys are not affected by the anonymous budget.
      assertThat(node.http.get("/api/v1/jobs").statusCode()).isEqualTo(200);
    }
  }
}
