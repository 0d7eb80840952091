package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The models run from each page's own thread, the lines of one page in batches of {@value
 * #LINES_PER_CALL}: how a CPU node reads, where pages already run in parallel on every core and
 * bigger batches would only wait for each other.
 */
public final class DirectInference implements PaddleInference {

  static final int LINES_PER_CALL = 6;

  private final PaddleModels models;
  private final ModelRunner runner;

  public DirectInference(PaddleModels models) {
    this.models = Objects.requireNonNull(models, "models");
    this.runner = new ModelRunner(models);
  }

  @Override
  public float[] detect(float[] page, int height, int width) throws OrtException {
    return runner.detect(List.of(page), height, width).get(0);
  }

  @Override
  public List<float[]> classify(List<float[]> lines) throws OrtException {
    List<float[]> classified = new ArrayList<>(lines.size());
    for (int start = 0; start < lines.size(); start += LINES_PER_CALL) {
      classified.addAll(runner.classify(chunk(lines, start)));
    }
    return classified;
  }

  @Override
  public List<RecognitionSteps> recognise(List<float[]> lines, int width) throws OrtException {
    List<RecognitionSteps> read = new ArrayList<>(lines.size());
    for (int start = 0; start < lines.size(); start += LINES_PER_CALL) {
      read.addAll(runner.recognise(chunk(lines, start), width));
    }
    return read;
  }

  private static List<float[]> chunk(List<float[]> lines, int start) {
    return lines.subList(start, Math.min(lines.size(), start + LINES_PER_CALL));
  }

  @Override
  public List<String> dictionary() {
    return models.dictionary();
  }

  @Override
  public Map<String, String> versions() {
    return models.versions();
  }

  @Override
  public void close() {
    models.close();
  }
}
