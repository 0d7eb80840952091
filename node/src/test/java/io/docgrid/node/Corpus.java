package io.docgrid.node;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus of real documents next to the repository. */
final class Corpus {

  private Corpus() {}

  static Path dev(String fileName) {
    Path file = root().resolve("dev").resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("corpus file missing: " + file);
    }
    return file;
  }

  private static Path root() {
    String configured = System.getProperty("docgrid.corpus.dir");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured);
    }
    return Path.of("..", "..", "shared", "corpus");
  }
}
