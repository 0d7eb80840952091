package io.docgrid.tasks.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Measures the XML inside an Office Open XML package before a parser builds a tree of it. Tika's
 * PPTX extractor and the shared strings of XLSX load whole parts into memory, and neither POI's
 * inflate-ratio check nor Tika's output limit stops a part that is small compressed and huge
 * expanded before the heap runs out. The sizes are counted by inflating, not read from the zip's
 * directory, which a crafted file can fake; the count stops at the limit.
 */
final class OfficePackageGuard {

  /** The most one XML part may expand to: real slides and sheets are a tiny fraction of it. */
  static final long MAX_PART_BYTES = 32L << 20;

  /** The most all XML parts together may expand to. */
  static final long MAX_TOTAL_BYTES = 256L << 20;

  private final long maxPartBytes;
  private final long maxTotalBytes;

  OfficePackageGuard() {
    this(MAX_PART_BYTES, MAX_TOTAL_BYTES);
  }

  OfficePackageGuard(long maxPartBytes, long maxTotalBytes) {
    this.maxPartBytes = maxPartBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** Whether {@code mediaType} is an Office Open XML package this guard should measure. */
  static boolean applies(String mediaType) {
    return mediaType.startsWith("application/vnd.openxmlformats-officedocument.")
        || (mediaType.startsWith("application/vnd.ms-") && mediaType.endsWith(".macroenabled.12"));
  }

  /**
   * Passes quietly when every XML part is within the limits.
   *
   * @throws PackageTooLargeException naming the part that is not
   * @throws IOException when the file is not a readable zip; the parser then reports it
   */
  void check(Path file) throws IOException {
    long total = 0;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName().toLowerCase(Locale.ROOT);
        if (entry.isDirectory() || !(name.endsWith(".xml") || name.endsWith(".rels"))) {
          continue;
        }
        long part = expandedSize(zip, entry, Math.min(maxPartBytes, maxTotalBytes - total));
        total += part;
        if (part > maxPartBytes || total > maxTotalBytes) {
          throw new PackageTooLargeException(
              "zip bomb: the part "
                  + entry.getName()
                  + " expands beyond "
                  + (part > maxPartBytes ? maxPartBytes + " bytes" : "the package's limit"));
        }
      }
    } catch (ZipException notAZip) {
      // Not ours to judge: the parser reports a damaged package in its own words.
    }
  }

  /** The inflated size of the entry, counted up to one byte past {@code limit}. */
  private static long expandedSize(ZipFile zip, ZipEntry entry, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long count = 0;
    try (InputStream in = zip.getInputStream(entry)) {
      for (int read = in.read(buffer); read >= 0 && count <= limit; read = in.read(buffer)) {
        count += read;
      }
    }
    return count;
  }

  /** An Office package whose XML expands beyond the limits. */
  static final class PackageTooLargeException extends IOException {
    PackageTooLargeException(String message) {
      super(message);
    }
  }
}
