package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and of docs/ leads somewhere: to a file that exists and, when
 * it names a heading, to a heading of that file, as GitHub makes anchors of headings. Moving a
 * section from one document to another breaks the links into it, and this test says which.
 */
class DocumentationLinksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*$");

  @Test
  void every_relative_link_leads_to_a_file_and_heading_that_exist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path document : documents()) {
      for (String target : links(document)) {
        String problem = problemOf(document, target);
        if (problem != null) {
          broken.add(ROOT.relativize(document) + ": " + target + " (" + problem + ")");
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void anchors_are_made_as_github_makes_them() {
    assertThat(
            anchors(
                List.of(
                    "## `docgrid serve`",
                    "### The embedded database (H2)",
                    "## Errors",
                    "## Errors")))
        .containsExactlyInAnyOrder(
            "docgrid-serve", "the-embedded-database-h2", "errors", "errors-1");
  }

  private static List<Path> documents() throws IOException {
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      List<Path> documents =
          new ArrayList<>(docs.filter(d -> d.toString().endsWith(".md")).toList());
      documents.add(ROOT.resolve("README.md"));
      return documents;
    }
  }

  /** The link targets of a document, outside its code blocks, except those to other sites. */
  private static List<String> links(Path document) throws IOException {
    List<String> targets = new ArrayList<>();
    for (String line : prose(Files.readAllLines(document))) {
      Matcher link = LINK.matcher(line);
      while (link.find()) {
        String target = link.group(1);
        if (!target.matches("^[a-z]+:.*")) {
          targets.add(target);
        }
      }
    }
    return targets;
  }

  private static String problemOf(Path document, String target) throws IOException {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    Path file = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (hash < 0 || !file.toString().endsWith(".md")) {
      return null;
    }
    String anchor = target.substring(hash + 1);
    return anchors(Files.readAllLines(file)).contains(anchor) ? null : "no such heading";
  }

  /** GitHub's anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
  private static Set<String> anchors(List<String> lines) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(lines)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String anchor =
            heading
                .group(1)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
        int repeats = seen.merge(anchor, 1, Integer::sum) - 1;
        anchors.add(repeats == 0 ? anchor : anchor + "-" + repeats);
      }
    }
    return anchors;
  }

  /** The lines outside fenced code blocks, where "# " starts a comment rather than a heading. */
  private static List<String> prose(List<String> lines) {
    List<String> prose = new ArrayList<>();
    boolean inCode = false;
    for (String line : lines) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
      } else if (!inCode) {
        prose.add(line);
      }
    }
    return prose;
  }
}
