package io.docgrid.tasks.process;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentFacts;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageImageFormat;
import io.docgrid.tasks.document.PageOcr;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.PageText;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import io.docgrid.tasks.document.ProcessingOptions.Preprocess;
import io.docgrid.tasks.output.OcrLayer;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One representative instance of every concrete type that is the root of a wire payload, with every
 * optional part filled in, so that each nested type appears in some golden fixture.
 */
final class WireSamples {

  private static final UUID JOB = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
  private static final UUID ORIGIN = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
  private static final String SHA256 =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private WireSamples() {}

  /** Keyed by the simple name of the type, which is also the fixture's file name. */
  static Map<String, Serializable> all() {
    Map<String, Serializable> samples = new LinkedHashMap<>();
    for (Serializable sample :
        List.of(
            processDocumentRequest(),
            searchablePdfRequest(),
            pageImageRequest(),
            processedDocument(),
            countedDocument(),
            jobStarted(),
            pagesDone())) {
      samples.put(sample.getClass().getSimpleName(), sample);
    }
    return samples;
  }

  static ProcessDocumentRequest processDocumentRequest() {
    ProcessingOptions options =
        new ProcessingOptions(
            OcrMode.FORCE,
            List.of("eng", "deu"),
            PageSelection.parse("1-3,7,10-"),
            300,
            new Preprocess(true, false, true),
            "fixture-password",
            "paddle");
    return new ProcessDocumentRequest(
        JOB,
        SHA256,
        "application/pdf",
        options,
        ExtractionScope.firstLook(20, 5000),
        "req-fixture",
        ORIGIN,
        true,
        "key:5f0c6d52-8f8e-4d4b-9a51-0c2d3e4f5a6b");
  }

  static SearchablePdfRequest searchablePdfRequest() {
    OcrLayer layer =
        new OcrLayer(2, 300, 90, -1.25, List.of(new OcrLayer.Word("Invoice", 40, 52, 210, 38)));
    return new SearchablePdfRequest(
        JOB,
        SHA256,
        "image/tiff",
        List.of(layer),
        200,
        "req-fixture",
        "key:5f0c6d52-8f8e-4d4b-9a51-0c2d3e4f5a6b");
  }

  static PageImageRequest pageImageRequest() {
    return new PageImageRequest(
        JOB,
        SHA256,
        "image/jpeg",
        3,
        1000,
        PageImageFormat.JPEG,
        "req-fixture",
        "key:5f0c6d52-8f8e-4d4b-9a51-0c2d3e4f5a6b");
  }

  static ProcessedDocument processedDocument() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("title", "Quarterly report");
    metadata.put("author", "Finance");
    PageOcr ocr =
        new PageOcr(
            71.5f,
            88.25f,
            List.of(new PageOcr.Word("Total", 100, 200, 80, 24, 71.5f)),
            0.75,
            180,
            300,
            "<div class='ocr_page'></div>");
    List<PageText> pages =
        List.of(
            new PageText(1, "Quarterly report", PageText.TEXT_LAYER, null, Map.of(), null, "# Q"),
            new PageText(2, "Total", PageText.OCR, ocr, Map.of("ocr", 812L, "render", 95L)),
            PageText.failed(3, DocumentErrorCode.PROCESSING_TIMEOUT, "Page 3 took too long."));
    return new ProcessedDocument(
        new ExtractedDocument("application/pdf", 3, metadata, pages, true),
        List.of("node-a", "node-b"),
        "pipeline-7",
        Map.of("tika", "3.2.0"),
        1234L);
  }

  static CountedDocument countedDocument() {
    return new CountedDocument(
        new DocumentFacts("application/vnd.ms-excel", 480, 120, false, 7), List.of("node-a"));
  }

  static JobStarted jobStarted() {
    return new JobStarted(JOB, "node-a", Instant.parse("2025-03-14T09:26:53.589793Z"));
  }

  static PagesDone pagesDone() {
    return new PagesDone(JOB, 40, 2, 7);
  }
}
