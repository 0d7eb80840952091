package io.docgrid.ops.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The documents a load scenario submits, drawn from the corpus in a mix: born-digital PDFs, scanned
 * pages and office documents in given shares, and a share of repeats of documents sent earlier (so
 * that the result cache serves them). Every other submission is a new document: a corpus file made
 * unique (a PDF with a comment after its end, an image with bytes after its end, an office package
 * with one more entry), so that the cache answers only the repeats. A Gatling feeder: each record
 * names the file, its name and its kind.
 */
final class Documents implements Iterator<Map<String, Object>> {

  /** What kind of document, which names the request it is sent with. */
  enum Kind {
    BORN_DIGITAL_SMALL("born-digital PDF, <= 10 pages"),
    BORN_DIGITAL_LARGE("born-digital PDF, > 10 pages"),
    SCAN("scanned page"),
    OFFICE("office document");

    final String request;

    Kind(String request) {
      this.request = request;
    }
  }

  /** The shares of each kind and of repeats, each between 0 and 1. */
  record Mix(double bornDigital, double scans, double office, double repeats) {}

  private record Source(Path file, Kind kind) {}

  private record Sent(Path file, String name, Kind kind) {}

  private final Mix mix;
  private final Path work;
  private final Random random = new Random(20261202);
  private final List<Source> bornDigital = new ArrayList<>();
  private final List<Source> scans = new ArrayList<>();
  private final List<Source> office = new ArrayList<>();
  private final List<Sent> sent = new ArrayList<>();

  Documents(Path corpus, Mix mix) {
    this.mix = mix;
    try {
      this.work = Files.createTempDirectory("docgrid-load-documents-");
      Path dev = corpus.resolve("dev");
      List<String> manifest = Files.readAllLines(dev.resolve("MANIFEST.tsv"));
      List<String> header = List.of(manifest.get(0).split("\t", -1));
      int file = header.indexOf("file");
      int mime = header.indexOf("mime");
      int pages = header.indexOf("pages");
      int notes = header.indexOf("notes");
      for (String line : manifest.subList(1, manifest.size())) {
        String[] row = line.split("\t", -1);
        String type = row[mime];
        String note = row[notes];
        if (type.equals("application/pdf")
            && !note.contains("encrypted")
            && !note.contains("image-only")
            && !note.contains("scanned")
            && !row[pages].isBlank()) {
          int count = Integer.parseInt(row[pages].trim());
          bornDigital.add(
              new Source(
                  dev.resolve(row[file]),
                  count <= 10 ? Kind.BORN_DIGITAL_SMALL : Kind.BORN_DIGITAL_LARGE));
        } else if (type.contains("officedocument") || type.contains("opendocument")) {
          office.add(new Source(dev.resolve(row[file]), Kind.OFFICE));
        }
      }
      try (var images = Files.list(corpus.resolve("ocr-dev"))) {
        images
            .filter(image -> image.toString().matches(".*\\.(png|jpg|tif)$"))
            .sorted()
            .forEach(image -> scans.add(new Source(image, Kind.SCAN)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the corpus at " + corpus, e);
    }
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public synchronized Map<String, Object> next() {
    Sent next;
    if (!sent.isEmpty() && random.nextDouble() < mix.repeats()) {
      // From the earlier half of what was sent: most likely finished, so cached by now.
      next = sent.get(random.nextInt(Math.max(1, sent.size() / 2)));
    } else {
      Source source = pick();
      next = new Sent(unique(source.file()), source.file().getFileName().toString(), source.kind());
      sent.add(next);
    }
    return Map.of(
        "path", next.file().toString(), "name", next.name(), "request", next.kind().request);
  }

  private Source pick() {
    double draw = random.nextDouble() * (mix.bornDigital() + mix.scans() + mix.office());
    List<Source> from =
        draw < mix.bornDigital()
            ? bornDigital
            : draw < mix.bornDigital() + mix.scans() ? scans : office;
    return from.get(random.nextInt(from.size()));
  }

  /** A copy of {@code file} with bytes of its own, so that its SHA-256 is new. */
  private Path unique(Path file) {
    String name = file.getFileName().toString();
    String marker = UUID.randomUUID().toString();
    Path copy = work.resolve(marker + "-" + name);
    try {
      if (name.endsWith(".docx") || name.endsWith(".odt")) {
        rezipWith(file, copy, "docgrid-load-" + marker + ".txt");
      } else {
        byte[] content = Files.readAllBytes(file);
        byte[] tail = ("\n%docgrid-load " + marker + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] unique = new byte[content.length + tail.length];
        System.arraycopy(content, 0, unique, 0, content.length);
        System.arraycopy(tail, 0, unique, content.length, tail.length);
        Files.write(copy, unique);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void rezipWith(Path source, Path target, String extraEntry) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        ZipEntry copy = new ZipEntry(entry.getName());
        if (entry.getName().equals("mimetype")) {
          // ODF wants its mimetype entry first and stored, where its signature can be read.
          CRC32 crc = new CRC32();
          crc.update(content);
          copy.setMethod(ZipEntry.STORED);
          copy.setSize(content.length);
          copy.setCompressedSize(content.length);
          copy.setCrc(crc.getValue());
        }
        out.putNextEntry(copy);
        out.write(content);
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry(extraEntry));
      out.write(extraEntry.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
