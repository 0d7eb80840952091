package io.docgrid.tasks.pipeline;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ProcessingOptions.OcrEngineChoice;
import io.docgrid.tasks.ocr.OcrEngine;
import io.docgrid.tasks.ocr.PageReader;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.ocr.paddle.PaddleInference;
import io.docgrid.tasks.ocr.paddle.PaddleOcrEngine;
import io.docgrid.tasks.ocr.paddle.PaddleRuntime;
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
 *
 * <p>PaddleOCR's models are loaded once, on the first page that asks for them (about 0.5 s and 100
 * MB of native memory that a node reading only with Tesseract never spends), where the node's
 * {@link PaddleRuntime} puts them (the CPU, or the GPUs with pages batched), and shared by all
 * threads: ONNX Runtime sessions are thread-safe.
 */
public final class OcrEngines implements AutoCloseable {

  private final TessdataDirectory models;
  private final ThreadLocal<Map<String, OcrEngine>> perThread =
      ThreadLocal.withInitial(HashMap::new);
  private final Set<OcrEngine> all = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private final PaddleRuntime paddleRuntime;
  private PaddleInference paddleInference;
  private PaddleOcrEngine paddle;

  /** The languages PP-OCRv4's recognition model reads (its dictionary: Chinese and English). */
  static final Set<String> PADDLE_LANGUAGES = Set.of("eng", "chi_sim", "chi_tra");

  public OcrEngines(TessdataDirectory models, PaddleRuntime paddleRuntime) {
    this.models = models;
    this.paddleRuntime = paddleRuntime;
  }

  /**
   * The engine that reads pages in {@code languages} for {@code choice}; {@code AUTO} takes
   * Tesseract wherever it has the languages' models (measured better and faster on the Latin pages
   * of ocr-dev, docs/ocr-engines.md), PaddleOCR for Chinese that Tesseract has no model for.
   */
  PageReader reader(OcrEngineChoice choice, List<String> languages)
      throws DocumentProcessingException {
    if (engineFor(choice, languages) == OcrEngineChoice.TESSERACT) {
      return forCurrentThread(languages);
    }
    if (!PADDLE_LANGUAGES.containsAll(languages)) {
      throw new DocumentProcessingException(
          DocumentErrorCode.OCR_LANGUAGE_UNAVAILABLE,
          "PaddleOCR reads "
              + PADDLE_LANGUAGES.stream().sorted().toList()
              + ", not "
              + languages.stream().filter(l -> !PADDLE_LANGUAGES.contains(l)).toList()
              + "; use ocrEngine tesseract for those.",
          null);
    }
    return paddle();
  }

  /** The engine {@link #reader} picks: Tesseract or PaddleOCR, never {@code AUTO}. */
  OcrEngineChoice engineFor(OcrEngineChoice choice, List<String> languages) {
    if (choice != OcrEngineChoice.AUTO) {
      return choice;
    }
    return !models.hasLanguages(languages) && PADDLE_LANGUAGES.containsAll(languages)
        ? OcrEngineChoice.PADDLE
        : OcrEngineChoice.TESSERACT;
  }

  /** A Tesseract engine for orientation detection, which needs only its osd model. */
  OcrEngine forOrientation(List<String> languages) throws DocumentProcessingException {
    return forCurrentThread(models.hasLanguages(languages) ? languages : List.of("eng"));
  }

  private synchronized PaddleOcrEngine paddle() {
    if (closed) {
      throw new IllegalStateException("OCR engines are closed");
    }
    if (paddle == null) {
      paddleInference = paddleRuntime.open();
      paddle = new PaddleOcrEngine(paddleInference);
    }
    return paddle;
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
    synchronized (this) {
      if (paddleInference != null) {
        paddleInference.close();
        paddleInference = null;
        paddle = null;
      }
    }
  }
}
