package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.docgrid.tasks.image.GrayImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads detected lines as PaddleOCR's {@code TextRecognizer} does: each line cut out upright and
 * read by the CRNN model at {@value #HEIGHT} pixels high, in batches of lines of similar width
 * (padded to the widest, at least {@value #MIN_WIDTH}), decoded greedily (CTC). When the angle
 * classifier finds most of the page upside down, the lines are also read turned over, and the
 * reading with more confidence is kept.
 */
final class LineRecognizer {

  static final int HEIGHT = 48;
  static final int MIN_WIDTH = 320;
  static final int CLASSIFIER_WIDTH = 192;
  static final float TURN_CONFIDENCE = 0.9f;

  /** PaddleOCR's {@code drop_score}: lines read with less mean confidence are noise. */
  static final float MIN_LINE_CONFIDENCE = 0.5f;

  private static final int BATCH = 6;

  private final PaddleModels models;
  private final List<String> dictionary;

  LineRecognizer(PaddleModels models) {
    this.models = models;
    this.dictionary = models.dictionary();
  }

  /** One character read and where it lies along its line, in page pixels from the line's start. */
  record Glyph(String text, double from, double to, float confidence) {}

  /** A line and what it says; {@code confidence} is the mean of its glyphs', 0 to 1. */
  record ReadLine(LineBox box, List<Glyph> glyphs, float confidence) {

    String text() {
      StringBuilder text = new StringBuilder();
      glyphs.forEach(glyph -> text.append(glyph.text()));
      return text.toString();
    }
  }

  /** The lines that read as text, in the order given. */
  List<ReadLine> read(GrayImage page, List<LineBox> lines) throws OrtException {
    List<ReadLine> read = readAll(page, lines);
    if (mostlyUpsideDown(page, lines)) {
      // The classifier sees a long line squeezed to CLASSIFIER_WIDTH pixels and was measured
      // taking a deskewed upright page for upside down; the turned reading must also read better.
      List<ReadLine> turned = readAll(page, lines.stream().map(LineBox::turnedHalf).toList());
      if (totalConfidence(turned) > totalConfidence(read)) {
        read = turned;
      }
    }
    List<ReadLine> kept = new ArrayList<>();
    for (ReadLine line : read) {
      if (!line.text().isBlank() && line.confidence() >= MIN_LINE_CONFIDENCE) {
        kept.add(line);
      }
    }
    return kept;
  }

  private List<ReadLine> readAll(GrayImage page, List<LineBox> lines) throws OrtException {
    Integer[] byWidth = new Integer[lines.size()];
    Arrays.setAll(byWidth, i -> i);
    Arrays.sort(byWidth, Comparator.comparingDouble(i -> ratio(lines.get(i))));
    ReadLine[] read = new ReadLine[lines.size()];
    for (int start = 0; start < byWidth.length; start += BATCH) {
      List<Integer> batch =
          Arrays.asList(byWidth).subList(start, Math.min(byWidth.length, start + BATCH));
      List<ReadLine> batchRead = recognise(page, batch.stream().map(lines::get).toList());
      for (int i = 0; i < batch.size(); i++) {
        read[batch.get(i)] = batchRead.get(i);
      }
    }
    return Arrays.asList(read);
  }

  private static double totalConfidence(List<ReadLine> lines) {
    return lines.stream().mapToDouble(line -> line.confidence() * line.glyphs().size()).sum();
  }

  /**
   * Whether the angle classifier finds most lines upside down. PaddleOCR turns each line on its
   * own; a page is upside down as a whole, and one line's verdict is often wrong.
   */
  private boolean mostlyUpsideDown(GrayImage page, List<LineBox> lines) throws OrtException {
    int upsideDown = 0;
    for (int start = 0; start < lines.size(); start += BATCH) {
      List<LineBox> batch = lines.subList(start, Math.min(lines.size(), start + BATCH));
      float[] input = planes(page, batch, CLASSIFIER_WIDTH, CLASSIFIER_WIDTH);
      float[] output = run(models.angleClassifier(), input, batch.size(), CLASSIFIER_WIDTH);
      for (int i = 0; i < batch.size(); i++) {
        // Two classes: 0 and 180 degrees.
        if (output[2 * i + 1] > TURN_CONFIDENCE) {
          upsideDown++;
        }
      }
    }
    return 2 * upsideDown > lines.size();
  }

  private List<ReadLine> recognise(GrayImage page, List<LineBox> boxes) throws OrtException {
    double widest = (double) MIN_WIDTH / HEIGHT;
    for (LineBox box : boxes) {
      widest = Math.max(widest, ratio(box));
    }
    int width = (int) (HEIGHT * widest);
    float[] input = planes(page, boxes, width, width);
    OrtSession session = models.recognition();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                models.environment(),
                FloatBuffer.wrap(input),
                new long[] {boxes.size(), 3, HEIGHT, width});
        OrtSession.Result result =
            session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
      OnnxTensor output = (OnnxTensor) result.get(0);
      long[] shape = output.getInfo().getShape();
      int steps = (int) shape[1];
      int classes = (int) shape[2];
      FloatBuffer probabilities = output.getFloatBuffer();
      List<ReadLine> read = new ArrayList<>(boxes.size());
      float[] step = new float[classes];
      for (LineBox box : boxes) {
        int scaledWidth = scaledWidth(box, width);
        // Input columns per output step, and page pixels per input column along the line.
        double columnsPerStep = (double) width / steps;
        double pixelsPerColumn = box.width() / scaledWidth;
        List<Glyph> glyphs = new ArrayList<>();
        int previous = 0;
        for (int t = 0; t < steps; t++) {
          probabilities.get(step);
          int best = 0;
          for (int c = 1; c < classes; c++) {
            if (step[c] > step[best]) {
              best = c;
            }
          }
          if (best != 0 && best != previous) {
            double from = Math.min(box.width(), t * columnsPerStep * pixelsPerColumn);
            double to = Math.min(box.width(), (t + 1) * columnsPerStep * pixelsPerColumn);
            glyphs.add(new Glyph(character(best), from, to, step[best]));
          }
          previous = best;
        }
        float confidence = 0;
        for (Glyph glyph : glyphs) {
          confidence += glyph.confidence() / glyphs.size();
        }
        read.add(new ReadLine(box, glyphs, confidence));
      }
      return read;
    }
  }

  /** Class 0 is CTC's blank; the dictionary follows, then the space. */
  private String character(int index) {
    return index <= dictionary.size() ? dictionary.get(index - 1) : " ";
  }

  /** The lines, each {@value #HEIGHT} high and as wide as its shape asks up to {@code maxWidth}. */
  private static float[] planes(GrayImage page, List<LineBox> boxes, int maxWidth, int stride) {
    int plane = HEIGHT * stride;
    float[] input = new float[boxes.size() * 3 * plane];
    for (int i = 0; i < boxes.size(); i++) {
      LineBox box = boxes.get(i);
      int offset = i * 3 * plane;
      Resampling.line(page, box, scaledWidth(box, maxWidth), HEIGHT, input, offset, stride);
      System.arraycopy(input, offset, input, offset + plane, plane);
      System.arraycopy(input, offset, input, offset + 2 * plane, plane);
    }
    return input;
  }

  private float[] run(OrtSession session, float[] input, int count, int width) throws OrtException {
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                models.environment(),
                FloatBuffer.wrap(input),
                new long[] {count, 3, HEIGHT, width});
        OrtSession.Result result =
            session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
      FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] values = new float[output.remaining()];
      output.get(values);
      return values;
    }
  }

  private static int scaledWidth(LineBox box, int maxWidth) {
    return Math.max(1, Math.min(maxWidth, (int) Math.ceil(HEIGHT * ratio(box))));
  }

  private static double ratio(LineBox box) {
    return box.width() / box.height();
  }
}
