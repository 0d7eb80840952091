package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OrtException;
import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.ocr.OcrDeadlineExceededException;
import io.docgrid.tasks.ocr.OcrPage;
import io.docgrid.tasks.ocr.OcrWord;
import io.docgrid.tasks.ocr.PageReader;
import io.docgrid.tasks.ocr.paddle.LineRecognizer.Glyph;
import io.docgrid.tasks.ocr.paddle.LineRecognizer.ReadLine;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * PaddleOCR's PP-OCRv4 pipeline in Java on ONNX Runtime: DB text detection, each line cut out
 * upright and turned over when the angle classifier says so, CRNN recognition with CTC decoding,
 * then words (the lines split at spaces, boxed in proportion to where their characters were read)
 * and blocks in reading order. Confidences are on Tesseract's scale, 0 to 100.
 *
 * <p>Thread-safe: it holds nothing but the node's shared {@link PaddleInference}, which decides
 * whether a page's model calls run alone or in batches with other pages'.
 */
public final class PaddleOcrEngine implements PageReader {

  private final TextDetector detector;
  private final LineRecognizer recognizer;

  public PaddleOcrEngine(PaddleInference inference) {
    Objects.requireNonNull(inference, "inference");
    this.detector = new TextDetector(inference);
    this.recognizer = new LineRecognizer(inference);
  }

  @Override
  public OcrPage recognise(GrayImage image, int dpi, int deadlineMillis) {
    Objects.requireNonNull(image, "image");
    long started = System.nanoTime();
    try {
      List<LineBox> boxes = detector.detect(image);
      // The models cannot be stopped midway; the deadline is checked between them.
      checkDeadline(started, deadlineMillis);
      List<ReadLine> lines = WideGaps.cut(recognizer.read(image, boxes));
      checkDeadline(started, deadlineMillis);
      return page(image, dpi, ReadingOrder.blocks(lines, readingFrame(image, lines)));
    } catch (OrtException e) {
      throw new IllegalStateException(
          "ONNX Runtime failed on a " + image.width() + "x" + image.height() + " image", e);
    }
  }

  /**
   * Where each line lies for reading order: on the page, or on the page turned over when the lines
   * were read upside down (they run right to left then), so that the first line comes first.
   */
  private static Function<ReadLine, Rectangle> readingFrame(GrayImage image, List<ReadLine> lines) {
    long turned = lines.stream().filter(line -> line.box().ux() < 0).count();
    if (2 * turned <= lines.size()) {
      return line -> line.box().bounds();
    }
    return line -> {
      Rectangle box = line.box().bounds();
      return new Rectangle(
          image.width() - box.x - box.width,
          image.height() - box.y - box.height,
          box.width,
          box.height);
    };
  }

  private static void checkDeadline(long startedNanos, int deadlineMillis) {
    if (deadlineMillis > 0 && (System.nanoTime() - startedNanos) / 1_000_000 > deadlineMillis) {
      throw new OcrDeadlineExceededException(deadlineMillis);
    }
  }

  private static OcrPage page(GrayImage image, int dpi, List<List<ReadLine>> blocks) {
    HocrPage hocr = new HocrPage(image.width(), image.height(), dpi);
    StringBuilder text = new StringBuilder();
    List<OcrWord> words = new ArrayList<>();
    for (List<ReadLine> block : blocks) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      hocr.startBlock(union(block));
      for (int i = 0; i < block.size(); i++) {
        ReadLine line = block.get(i);
        text.append(i == 0 ? "" : "\n").append(line.text().strip());
        List<OcrWord> lineWords = words(line);
        hocr.line(line.box().bounds(), lineWords);
        words.addAll(lineWords);
      }
      hocr.endBlock();
    }
    float mean = 0;
    float min = words.isEmpty() ? 0 : Float.MAX_VALUE;
    for (OcrWord word : words) {
      mean += word.confidence() / words.size();
      min = Math.min(min, word.confidence());
    }
    return new OcrPage(text.toString(), words, mean, min, hocr.toString());
  }

  /** The line split at its spaces, each word boxed from its first to its last character. */
  private static List<OcrWord> words(ReadLine line) {
    List<OcrWord> words = new ArrayList<>();
    List<Glyph> word = new ArrayList<>();
    for (Glyph glyph : line.glyphs()) {
      if (glyph.text().isBlank()) {
        addWord(line.box(), word, words);
        word.clear();
      } else {
        word.add(glyph);
      }
    }
    addWord(line.box(), word, words);
    return words;
  }

  private static void addWord(LineBox line, List<Glyph> glyphs, List<OcrWord> words) {
    if (glyphs.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    float confidence = 0;
    for (Glyph glyph : glyphs) {
      text.append(glyph.text());
      confidence += 100 * glyph.confidence() / glyphs.size();
    }
    Rectangle box = line.bounds(glyphs.get(0).from(), glyphs.get(glyphs.size() - 1).to());
    words.add(new OcrWord(text.toString(), box.x, box.y, box.width, box.height, confidence));
  }

  private static Rectangle union(List<ReadLine> lines) {
    Rectangle union = new Rectangle(lines.get(0).box().bounds());
    for (ReadLine line : lines) {
      union.add(line.box().bounds());
    }
    return union;
  }
}
