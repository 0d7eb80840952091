package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JavaScript client (clients/js) runs its own tests, with node's test runner, against a real
 * node. .ci/run provides node.
 */
class JsClientIT {

  private static final Path CLIENT_DIR = Path.of("..", "clients", "js").toAbsolutePath();

  @Test
  void the_javascript_client_passes_its_tests_against_a_node(@TempDir Path temp) throws Exception {
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).compute(true).start()) {
      String output =
          ExternalCommand.succeeds(
              CLIENT_DIR,
              List.of("node", "--test", "test/"),
              Map.of(
                  "DOCGRID_URL", node.http.base,
                  "DOCGRID_API_KEY", node.adminKey,
                  "DOCGRID_MAX_UPLOAD_BYTES",
                      String.valueOf(TestNodeConfig.DEFAULT_MAX_UPLOAD_BYTES)));
      assertThat(output)
          .contains("# fail 0")
          .contains("ok 1 - a document is submitted, waited for and read back in two formats")
          .doesNotContain("# SKIP");
    }
  }
}
