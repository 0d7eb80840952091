package io.docgrid.tasks.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/** The shared corpus of real documents, and its MANIFEST.tsv describing each of them. */
final class Corpus {

  /** One manifest row: the file name, its media type and, for PDFs that open, its page count. */
  record Entry(String file, String mime, OptionalInt pages, String notes) {}

  private final Path dev;
  private final List<Entry> entries;

  Corpus() {
    String configured = System.getProperty("docgrid.corpus.dir");
    Path root = configured == null ? Path.of("../../shared/corpus") : Path.of(configured);
    this.dev = root.resolve("dev").toAbsolutePath().normalize();
    this.entries = readManifest(dev.resolve("MANIFEST.tsv"));
  }

  Path file(String name) {
    Path file = dev.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not in the corpus: " + file);
    }
    return file;
  }

  Entry entry(String name) {
    return entries.stream()
        .filter(entry -> entry.file().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not in the manifest: " + name));
  }

  List<Entry> entries(Predicate<Entry> filter) {
    return entries.stream().filter(filter).toList();
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
