package io.docgrid.ops.bench;

import io.docgrid.ops.bench.LoadRun.Document;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Apache Tika Server as its users call it for text: {@code PUT /tika} with the document, {@code
 * Accept: text/plain}, and OCR off (no PDF page OCR, no OCR of images), since DocGrid's rows are of
 * text layers too.
 */
final class TikaServerText implements LoadRun.Service {

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  TikaServerText(String base) {
    this.base = base;
  }

  @Override
  public String name() {
    return "Tika Server";
  }

  @Override
  public void process(Document document) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/tika"))
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "text/plain")
                .header("X-Tika-PDFOcrStrategy", "no_ocr")
                .header("X-Tika-OCRskipOcr", "true")
                .PUT(HttpRequest.BodyPublishers.ofFile(document.file()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
  }
}
