package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python client (clients/python) runs its own test suite, with python3, against a real node:
 * what its users call is what the server answers. .ci/run provides python3.
 */
class PythonClientIT {

  private static final Path CLIENT_DIR = Path.of("..", "clients", "python").toAbsolutePath();

  @Test
  void the_python_client_passes_its_tests_against_a_node(@TempDir Path temp) throws Exception {
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).compute(true).start()) {
      String output =
          ExternalCommand.succeeds(
              CLIENT_DIR,
              List.of("python3", "-m", "unittest", "discover", "-s", "tests", "-v"),
              Map.of(
                  "DOCGRID_URL", node.http.base,
                  "DOCGRID_API_KEY", node.adminKey));
      assertThat(output).contains("\nOK").doesNotContain("skipped");
    }
  }
}
