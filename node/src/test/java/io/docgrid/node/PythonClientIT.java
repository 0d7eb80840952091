package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
                  "DOCGRID_API_KEY", node.adminKey,
                  "DOCGRID_MAX_UPLOAD_BYTES",
                      String.valueOf(TestNodeConfig.DEFAULT_MAX_UPLOAD_BYTES)));
      assertThat(output).contains("\nOK").doesNotContain("skipped");
    }
  }

  /**
   * What its users do: {@code pip install} the directory into a fresh virtual environment (pip
   * fetches the build backend, setuptools, from the package index this machine is configured with)
   * and use the installed package, away from the sources.
   */
  @Test
  void the_python_client_installs_with_pip_and_works_from_the_installed_package(@TempDir Path temp)
      throws Exception {
    Path copy = temp.resolve("docgrid-python");
    copyTree(CLIENT_DIR, copy); // pip builds in place: keep build output out of the sources
    Path venv = temp.resolve("venv");
    ExternalCommand.succeeds(temp, List.of("python3", "-m", "venv", venv.toString()), Map.of());
    Path python = venv.resolve("bin").resolve("python");
    String installed =
        ExternalCommand.succeeds(
            temp, List.of(python.toString(), "-m", "pip", "install", copy.toString()), Map.of());
    assertThat(installed).contains("Successfully installed docgrid-");

    Path away = Files.createDirectories(temp.resolve("elsewhere"));
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).compute(true).start()) {
      String output =
          ExternalCommand.succeeds(
              away,
              List.of(
                  python.toString(),
                  "-c",
                  "import os, docgrid\n"
                      + "assert docgrid.__file__.startswith(os.environ['VIRTUAL_ENV'])\n"
                      + "client = docgrid.Client(os.environ['DOCGRID_URL'],"
                      + " os.environ['DOCGRID_API_KEY'])\n"
                      + "job = client.submit(b'Installed with pip.', file_name='note.txt')\n"
                      + "print(job['status'], client.result(job['id'], format='text'))"),
              Map.of(
                  "DOCGRID_URL", node.http.base,
                  "DOCGRID_API_KEY", node.adminKey,
                  "VIRTUAL_ENV", venv.toString()));
      assertThat(output).contains("succeeded Installed with pip.");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
