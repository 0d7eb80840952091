package io.docgrid.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Page counts from poppler's {@code pdfinfo}: an oracle independent of both services measured. */
final class PdfInfo {

  private PdfInfo() {}

  /** The PDF's page count, or null when pdfinfo cannot open it (encrypted, damaged). */
  static Integer pages(Path pdf) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of("pdfinfo", pdf.toString())).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      return null;
    }
    for (String line : output.split("\n")) {
      if (line.startsWith("Pages:")) {
        return Integer.parseInt(line.substring("Pages:".length()).trim());
      }
    }
    return null;
  }
}
