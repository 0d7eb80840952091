package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OrtException;
import io.docgrid.tasks.image.GrayImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads detected lines as PaddleOCR's {@code TextRecognizer} does: each line cut out upright and
 * read by the CRNN model at {@value #HEIGHT} pixels high, padded on the right to its width bucket
 * (at least {@value #MIN_WIDTH}, then multiples of {@value #WIDTH_BUCKET}) so that lines of similar
 * width, of this page or others, run in one batch, and decoded greedily (CTC). When the angle
 * classifier finds most of the page upside down, the lines are also read turned over, and the
 * reading with more confidence is kept.
 */
final class LineRecognizer {

  static final int HEIGHT = 48;
  static final int MIN_WIDTH = 320;
  static final int WIDTH_BUCKET = 64;
  static final int CLASSIFIER_WIDTH = 192;
  static final float TURN_CONFIDENCE = 0.9f;

  /** PaddleOCR's {@code drop_score}: lines read with less mean confidence are noise. */
  static final float MIN_LINE_CONFIDENCE = 0.5f;

  private final PaddleInference inference;
  private final List<String> dictionary;

  LineRecognizer(PaddleInference inference) {
    this.inference = inference;
    this.dictionary = inference.dictionary();
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

  /** Every line read, the lines of each width bucket in one call. */
  private List<ReadLine> readAll(GrayImage page, List<LineBox> lines) throws OrtException {
    Map<Integer, List<Integer>> byBucket = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      byBucket.computeIfAbsent(bucketWidth(lines.get(i)), width -> new ArrayList<>()).add(i);
    }
    ReadLine[] read = new ReadLine[lines.size()];
    for (Map.Entry<Integer, List<Integer>> bucket : byBucket.entrySet()) {
      int width = bucket.getKey();
      List<LineBox> boxes = bucket.getValue().stream().map(lines::get).toList();
      List<float[]> inputs = new ArrayList<>(boxes.size());
      for (LineBox box : boxes) {
        inputs.add(plane(page, box, scaledWidth(box, width), width));
      }
      List<RecognitionSteps> steps = inference.recognise(inputs, width);
      for (int i = 0; i < boxes.size(); i++) {
        read[bucket.getValue().get(i)] = decode(boxes.get(i), width, steps.get(i));
      }
    }
    return List.of(read);
  }

  private static double totalConfidence(List<ReadLine> lines) {
    return lines.stream().mapToDouble(line -> line.confidence() * line.glyphs().size()).sum();
  }

  /**
   * Whether the angle classifier finds most lines upside down. PaddleOCR turns each line on its
   * own; a page is upside down as a whole, and one line's verdict is often wrong.
   */
  private boolean mostlyUpsideDown(GrayImage page, List<LineBox> lines) throws OrtException {
    List<float[]> inputs = new ArrayList<>(lines.size());
    for (LineBox box : lines) {
      inputs.add(plane(page, box, scaledWidth(box, CLASSIFIER_WIDTH), CLASSIFIER_WIDTH));
    }
    int upsideDown = 0;
    for (float[] classes : inference.classify(inputs)) {
      // Two classes: 0 and 180 degrees.
      if (classes[1] > TURN_CONFIDENCE) {
        upsideDown++;
      }
    }
    return 2 * upsideDown > lines.size();
  }

  /** Greedy CTC: a class that differs from the step before and is not blank is a character. */
  private ReadLine decode(LineBox box, int width, RecognitionSteps steps) {
    // Input columns per output step, and page pixels per input column along the line.
    double columnsPerStep = (double) width / steps.length();
    double pixelsPerColumn = box.width() / scaledWidth(box, width);
    List<Glyph> glyphs = new ArrayList<>();
    int previous = 0;
    for (int t = 0; t < steps.length(); t++) {
      int best = steps.classes()[t];
      if (best != 0 && best != previous) {
        double from = Math.min(box.width(), t * columnsPerStep * pixelsPerColumn);
        double to = Math.min(box.width(), (t + 1) * columnsPerStep * pixelsPerColumn);
        glyphs.add(new Glyph(character(best), from, to, steps.probabilities()[t]));
      }
      previous = best;
    }
    float confidence = 0;
    for (Glyph glyph : glyphs) {
      confidence += glyph.confidence() / glyphs.size();
    }
    return new ReadLine(box, glyphs, confidence);
  }

  /** Class 0 is CTC's blank; the dictionary follows, then the space. */
  private String character(int index) {
    return index <= dictionary.size() ? dictionary.get(index - 1) : " ";
  }

  /**
   * The line {@value #HEIGHT} high and {@code width} wide in 3 equal planes of {@code stride}
   * columns; the columns past {@code width} stay 0, PaddleOCR's padding.
   */
  private static float[] plane(GrayImage page, LineBox box, int width, int stride) {
    int plane = HEIGHT * stride;
    float[] input = new float[3 * plane];
    Resampling.line(page, box, width, HEIGHT, input, 0, stride);
    System.arraycopy(input, 0, input, plane, plane);
    System.arraycopy(input, 0, input, 2 * plane, plane);
    return input;
  }

  /** The width a line is read at: its own at {@value #HEIGHT} high, rounded up to its bucket. */
  static int bucketWidth(LineBox box) {
    int natural = (int) Math.ceil(HEIGHT * ratio(box));
    int bucket = (natural + WIDTH_BUCKET - 1) / WIDTH_BUCKET * WIDTH_BUCKET;
    return Math.max(MIN_WIDTH, bucket);
  }

  private static int scaledWidth(LineBox box, int maxWidth) {
    return Math.max(1, Math.min(maxWidth, (int) Math.ceil(HEIGHT * ratio(box))));
  }

  private static double ratio(LineBox box) {
    return box.width() / box.height();
  }
}
