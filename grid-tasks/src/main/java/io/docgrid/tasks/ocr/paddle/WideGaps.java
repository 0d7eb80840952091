package io.docgrid.tasks.ocr.paddle;

import io.docgrid.tasks.ocr.paddle.LineRecognizer.Glyph;
import io.docgrid.tasks.ocr.paddle.LineRecognizer.ReadLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts read lines where their characters leave a gap wider than {@value #MAX_GAP} line heights. The
 * detector joins text across a narrow gutter into one line, and the recognizer then glues the last
 * word of one column to the first of the next ("interdum" + "sit"); cut apart, each piece finds its
 * own column in reading order. Word spaces are well under a line height.
 */
final class WideGaps {

  /** Measured on ocr-dev's two-column pages; word spaces stay under it. */
  static final double MAX_GAP = 1.0;

  private WideGaps() {}

  /** {@code lines}, each cut at its wide gaps, in the same order. */
  static List<ReadLine> cut(List<ReadLine> lines) {
    List<ReadLine> pieces = new ArrayList<>(lines.size());
    for (ReadLine line : lines) {
      cut(line, pieces);
    }
    return pieces;
  }

  private static void cut(ReadLine line, List<ReadLine> pieces) {
    List<Glyph> glyphs = line.glyphs();
    double maxGap = MAX_GAP * line.box().height();
    double start = 0;
    int first = 0;
    Glyph lastVisible = null;
    for (int i = 0; i < glyphs.size(); i++) {
      Glyph glyph = glyphs.get(i);
      if (glyph.text().isBlank()) {
        continue;
      }
      if (lastVisible != null && glyph.from() - lastVisible.to() > maxGap) {
        double end = (lastVisible.to() + glyph.from()) / 2;
        pieces.add(piece(line, glyphs.subList(first, i), start, end));
        start = end;
        first = i;
      }
      lastVisible = glyph;
    }
    if (first == 0) {
      pieces.add(line);
    } else {
      pieces.add(piece(line, glyphs.subList(first, glyphs.size()), start, line.box().width()));
    }
  }

  /** The part of {@code line} from {@code start} to {@code end} along it, with its glyphs. */
  private static ReadLine piece(ReadLine line, List<Glyph> glyphs, double start, double end) {
    LineBox box = line.box();
    LineBox part =
        new LineBox(
            box.pageX(start, 0),
            box.pageY(start, 0),
            box.ux(),
            box.uy(),
            end - start,
            box.height());
    List<Glyph> shifted = new ArrayList<>(glyphs.size());
    float confidence = 0;
    int count = 0;
    for (Glyph glyph : strip(glyphs)) {
      shifted.add(
          new Glyph(glyph.text(), glyph.from() - start, glyph.to() - start, glyph.confidence()));
      confidence += glyph.confidence();
      count++;
    }
    return new ReadLine(part, shifted, count == 0 ? 0 : confidence / count);
  }

  /** {@code glyphs} without the spaces at either end, which the cut leaves behind. */
  private static List<Glyph> strip(List<Glyph> glyphs) {
    int from = 0;
    int to = glyphs.size();
    while (from < to && glyphs.get(from).text().isBlank()) {
      from++;
    }
    while (to > from && glyphs.get(to - 1).text().isBlank()) {
      to--;
    }
    return glyphs.subList(from, to);
  }
}
