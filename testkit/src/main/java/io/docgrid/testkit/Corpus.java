package io.docgrid.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The shared corpus of real documents next to the repository: {@code -Ddocgrid.corpus.dir} (the
 * build sets it), else {@code ../../shared/corpus} from the module. A missing corpus or file fails
 * the test that asks for it: a test never passes or skips quietly because its input is not there.
 */
public final class Corpus {

  /** One row of dev/MANIFEST.tsv: the file name, its media type and, for PDFs, its page count. */
  public record Entry(String file, String mime, OptionalInt pages, String notes) {}

  private Corpus() {}

  /** The corpus directory itself, for tests that pick their documents from it. */
  public static Path root() {
    String configured = System.getProperty("docgrid.corpus.dir");
    Path root =
        (configured == null ? Path.of("..", "..", "shared", "corpus") : Path.of(configured))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          "the document corpus is missing at "
              + root
              + "; run the tests through Maven or set -Ddocgrid.corpus.dir");
    }
    return root;
  }

  /** A document of the dev set. */
  public static Path dev(String fileName) {
    return file("dev", fileName);
  }

  /** A page image of the OCR set, which has its ground truth next to it. */
  public static Path ocrDev(String fileName) {
    return file("ocr-dev", fileName);
  }

  /** The manifest row of a dev document. */
  public static Entry devEntry(String fileName) {
    return devEntries(entry -> entry.file().equals(fileName)).stream()
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not in the manifest: " + fileName));
  }

  /** The dev documents whose manifest rows match {@code filter}. */
  public static List<Entry> devEntries(Predicate<Entry> filter) {
    return readManifest(file("dev", "MANIFEST.tsv")).stream().filter(filter).toList();
  }

  private static Path file(String set, String fileName) {
    Path file = root().resolve(set).resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("corpus file missing: " + file);
    }
    return file;
  }

  private static List<Entry> readManifest(Path manifest) {
    try {
      List<String> lines = Files.readAllLines(manifest);
      List<String> header = List.of(lines.get(0).split("\t", -1));
      int file = header.indexOf("file");
      int mime = header.indexOf("mime");
      int pages = header.indexOf("pages");
      int notes = header.indexOf("notes");
      return lines.stream()
          .skip(1)
          .filter(line -> !line.isBlank())
          .map(line -> line.split("\t", -1))
          .map(
              columns ->
                  new Entry(
                      columns[file],
                      columns[mime],
                      columns[pages].isBlank()
                          ? OptionalInt.empty()
                          : OptionalInt.of(Integer.parseInt(columns[pages])),
                      columns[notes]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
