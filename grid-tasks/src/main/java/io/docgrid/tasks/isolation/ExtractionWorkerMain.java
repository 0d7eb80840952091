package io.docgrid.tasks.isolation;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.TextExtractor;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.pipeline.OcrEngines;
import io.docgrid.tasks.pipeline.OcrPageRecognizer;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process that parses and OCRs documents for a compute node, one request at a time, so
 * that a document that exhausts memory, crashes a native library or hangs takes down only this
 * process. Requests come on stdin, answers go on stdout; everything else printed goes to stderr.
 * Usage: {@code ExtractionWorkerMain <tessdata directory>}.
 */
public final class ExtractionWorkerMain {

  private ExtractionWorkerMain() {}

  public static void main(String[] args) throws Exception {
    // stdout carries the protocol: anything a library prints must not end up there.
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
    System.setOut(System.err);
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(protocol));
    TextExtractor extractor = new TextExtractor();
    CpuPreprocessor preprocessor = new CpuPreprocessor();
    try (OcrEngines engines = new OcrEngines(TessdataDirectory.install(Path.of(args[0])))) {
      while (true) {
        ExtractionRequest request;
        try {
          request = Frames.read(in, ExtractionRequest.class);
        } catch (EOFException parentClosed) {
          return;
        }
        ExtractionResponse response;
        try {
          ExtractedDocument document =
              extractor.extract(
                  Path.of(request.file()),
                  request.mediaType(),
                  request.options(),
                  new OcrPageRecognizer(engines, preprocessor, request.options()),
                  TimeBudget.startingNow(
                      Duration.ofMillis(request.documentMillis()),
                      Duration.ofMillis(request.pageMillis())));
          response = new ExtractionResponse(document, null, null);
        } catch (DocumentProcessingException e) {
          response = new ExtractionResponse(null, e, null);
        } catch (Exception e) {
          e.printStackTrace();
          response = new ExtractionResponse(null, null, e.getClass().getName());
        }
        Frames.write(out, response);
      }
    }
  }
}
