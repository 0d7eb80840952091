package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays a front page: short, opening with the command that runs DocGrid and the one that
 * tests it (the one CI runs), and a map to every document under docs/.
 */
class ReadmeTest {

  private static final Path ROOT = Path.of("..");
  private static final Path README = ROOT.resolve("README.md");

  @Test
  void the_readme_is_under_150_lines() throws IOException {
    assertThat(Files.readAllLines(README)).hasSizeLessThan(150);
  }

  @Test
  void its_first_commands_build_and_run_then_test_and_ci_runs_the_same_test_command()
      throws IOException {
    List<String> commands = firstCodeBlock(Files.readAllLines(README));
    assertThat(commands).hasSize(2);
    assertThat(commands.get(0))
        .startsWith("./mvnw -DskipTests package && java -jar node/target/docgrid.jar serve");
    String testCommand = commands.get(1).replaceFirst("\\s+#.*$", "");
    assertThat(Files.readAllLines(ROOT.resolve(".ci").resolve("run")))
        .as("the command .ci/run runs")
        .contains(testCommand);
  }

  @Test
  void its_map_links_every_document_under_docs() throws IOException {
    String readme = Files.readString(README);
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      for (Path document : docs.filter(d -> d.toString().endsWith(".md")).toList()) {
        assertThat(readme).contains("](docs/" + document.getFileName() + ")");
      }
    }
  }

  private static List<String> firstCodeBlock(List<String> lines) {
    int start = lines.indexOf("```bash");
    int end = lines.subList(start + 1, lines.size()).indexOf("```") + start + 1;
    return lines.subList(start + 1, end);
  }
}
