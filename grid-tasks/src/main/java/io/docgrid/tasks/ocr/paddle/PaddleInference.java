package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OrtException;
import java.util.List;
import java.util.Map;

/**
 * Where PaddleOCR's three models run for the pages of a node: {@link DirectInference} calls the
 * sessions from each page's own thread (a CPU node), {@link BatchedInference} packs the calls of
 * pages of different jobs into batches per model and shape (a GPU node). Both take inputs of the
 * same shapes, so they read a page alike. Thread-safe; closing it closes its models.
 */
public interface PaddleInference extends AutoCloseable {

  /**
   * DB detection of one page: {@code page} holds 3 planes of {@code height} × {@code width}
   * normalised values; the result is the text probability of each of the plane's pixels.
   */
  float[] detect(float[] page, int height, int width) throws OrtException;

  /**
   * The angle classifier on lines of 3 planes of {@value LineRecognizer#HEIGHT} × {@value
   * LineRecognizer#CLASSIFIER_WIDTH}: for each, the probabilities of upright and upside down.
   */
  List<float[]> classify(List<float[]> lines) throws OrtException;

  /**
   * CRNN recognition of lines of 3 planes of {@value LineRecognizer#HEIGHT} × {@code width}: for
   * each, the most likely class at each step (greedy CTC, decoded by the caller).
   */
  List<RecognitionSteps> recognise(List<float[]> lines, int width) throws OrtException;

  /** Recognition's classes: 0 is CTC's blank, 1..n these characters, n+1 the space. */
  List<String> dictionary();

  /** ONNX Runtime's version and the models' SHA-256 prefixes, for the result manifest. */
  Map<String, String> versions();

  @Override
  void close();
}
