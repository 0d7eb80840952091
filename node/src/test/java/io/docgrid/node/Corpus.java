package io.docgrid.node;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus of real documents next to the repository. */
final class Corpus {

  private Corpus() {}

  static Path dev(String fileName) {
    return file("dev", fileName);
  }

  /** A page image of the OCR set, which has its ground truth next to it. */
  static Path ocrDev(String fileName) {
    return file("ocr-dev", fileName);
  }

  private static Path file(String set, String fileName) {
    Path file = root().resolve(set).resolve(fileName);
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
