package io.docgrid.tasks.pipeline;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.ocr.OcrEngine;
import io.docgrid.tasks.ocr.TessdataDirectory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Tesseract engine per worker thread and language set, created on first use and reused for
 * every later page (initialising one costs about 0.3 s; an engine is not thread-safe). Pages run in
 * parallel across threads, never inside Tesseract: its OpenMP threads were measured about 7x slower
 * on two cores. Closing this closes every engine it made.
 */
public final class OcrEngines implements AutoCloseable {

  private final TessdataDirectory models;
  private final ThreadLocal<Map<String, OcrEngine>> perThread =
      ThreadLocal.withInitial(HashMap::new);
  private final Set<OcrEngine> all = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public OcrEngines(TessdataDirectory models) {
    this.models = models;
  }

  /** This thread's engine for {@code languages}. */
  OcrEngine forCurrentThread(List<String> languages) throws DocumentProcessingException {
    if (closed) {
      throw new IllegalStateException("OCR engines are closed");
    }
    if (!models.hasLanguages(languages)) {
      throw new DocumentProcessingException(
          DocumentErrorCode.OCR_LANGUAGE_UNAVAILABLE,
          "No OCR model for "
              + languages.stream().filter(l -> !models.languages().contains(l)).toList()
              + "; installed: "
              + models.languages().stream().filter(l -> !l.equals("osd")).sorted().toList()
              + ".",
          null);
    }
    String key = String.join("+", languages);
    Map<String, OcrEngine> engines = perThread.get();
    OcrEngine engine = engines.get(key);
    if (engine == null) {
      engine = new OcrEngine(models, languages);
      engines.put(key, engine);
      all.add(engine);
    }
    return engine;
  }

  @Override
  public void close() {
    closed = true;
    for (OcrEngine engine : all) {
      engine.close();
    }
    all.clear();
  }
}
