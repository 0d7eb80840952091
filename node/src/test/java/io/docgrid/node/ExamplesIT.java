package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in examples/, in four languages, each run as a user would against a node. */
class ExamplesIT {

  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @Test
  void every_example_submits_a_document_and_prints_its_text(@TempDir Path temp) throws Exception {
    try (TestNode node = TestNodeConfig.in(temp.resolve("data")).compute(true).start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      for (List<String> example :
          List.of(
              List.of("bash", EXAMPLES.resolve("submit.sh").toString()),
              List.of("python3", EXAMPLES.resolve("submit.py").toString()),
              List.of("node", EXAMPLES.resolve("submit.mjs").toString()),
              List.of(java, EXAMPLES.resolve("Submit.java").toString()))) {
        String sentence = "Example document " + UUID.randomUUID() + " for " + example.get(0) + ".";
        Path document = Files.writeString(temp.resolve("example.txt"), sentence);
        List<String> command = new ArrayList<>(example);
        command.add(document.toString());
        String output =
            ExternalCommand.succeeds(
                EXAMPLES,
                command,
                Map.of("DOCGRID_URL", node.http.base, "DOCGRID_API_KEY", node.adminKey));
        assertThat(output).as(example.toString()).contains(sentence);
      }
    }
  }
}
