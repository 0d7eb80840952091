package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One device's sessions of the three models, run on a batch of equally shaped inputs at once: the
 * inputs are stacked into one tensor and the output is cut back into one result per input.
 */
final class ModelRunner {

  private final PaddleModels models;

  ModelRunner(PaddleModels models) {
    this.models = models;
  }

  /** Probability maps of pages of 3 × {@code height} × {@code width}. */
  List<float[]> detect(List<float[]> pages, int height, int width) throws OrtException {
    return run(models.detection(), pages, height, width, output -> split(output, pages.size()));
  }

  /** Upright and upside-down probabilities of each line. */
  List<float[]> classify(List<float[]> lines) throws OrtException {
    return run(
        models.angleClassifier(),
        lines,
        LineRecognizer.HEIGHT,
        LineRecognizer.CLASSIFIER_WIDTH,
        output -> split(output, lines.size()));
  }

  /** The most likely class at each step of each line. */
  List<RecognitionSteps> recognise(List<float[]> lines, int width) throws OrtException {
    return run(
        models.recognition(),
        lines,
        LineRecognizer.HEIGHT,
        width,
        probabilities -> mostLikely(probabilities, lines.size()));
  }

  /**
   * Greedy decoding's first half, read straight off the output (lines × steps × classes, some 50 MB
   * for six long lines, so it is not copied again).
   */
  private List<RecognitionSteps> mostLikely(FloatBuffer probabilities, int lineCount) {
    int classes = models.dictionary().size() + 2;
    int steps = probabilities.remaining() / classes / lineCount;
    List<RecognitionSteps> read = new ArrayList<>(lineCount);
    for (int line = 0; line < lineCount; line++) {
      int[] best = new int[steps];
      float[] probability = new float[steps];
      for (int t = 0; t < steps; t++) {
        int offset = (line * steps + t) * classes;
        int top = 0;
        for (int c = 1; c < classes; c++) {
          if (probabilities.get(offset + c) > probabilities.get(offset + top)) {
            top = c;
          }
        }
        best[t] = top;
        probability[t] = probabilities.get(offset + top);
      }
      read.add(new RecognitionSteps(best, probability));
    }
    return read;
  }

  private <T> T run(
      OrtSession session,
      List<float[]> inputs,
      int height,
      int width,
      Function<FloatBuffer, T> readOutput)
      throws OrtException {
    int size = inputs.get(0).length;
    FloatBuffer stacked = FloatBuffer.allocate(inputs.size() * size);
    for (float[] input : inputs) {
      if (input.length != size) {
        throw new IllegalArgumentException("a batch's inputs must have one shape");
      }
      stacked.put(input);
    }
    stacked.rewind();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                models.environment(), stacked, new long[] {inputs.size(), 3, height, width});
        OrtSession.Result result =
            session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
      return readOutput.apply(((OnnxTensor) result.get(0)).getFloatBuffer());
    }
  }

  private static List<float[]> split(FloatBuffer values, int parts) {
    int size = values.remaining() / parts;
    List<float[]> split = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      float[] part = new float[size];
      values.get(part);
      split.add(part);
    }
    return split;
  }
}
