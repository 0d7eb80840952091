package io.docgrid.tasks.ocr.paddle;

import io.docgrid.tasks.ocr.OcrWord;
import java.awt.Rectangle;
import java.util.List;

/**
 * One page in hOCR, with the element ids and properties Tesseract writes ({@code page_1}, {@code
 * block_1_2}, {@code bbox}, {@code x_wconf}), so that the hOCR rendering treats both engines' pages
 * alike.
 */
final class HocrPage {

  private final StringBuilder hocr = new StringBuilder();
  private int blocks;
  private int lines;
  private int words;

  HocrPage(int width, int height, int dpi) {
    hocr.append("  <div class='ocr_page' id='page_1' title='image \"\"; bbox 0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("; ppageno 0; scan_res ")
        .append(dpi)
        .append(' ')
        .append(dpi)
        .append("'>\n");
  }

  void startBlock(Rectangle bounds) {
    blocks++;
    hocr.append("   <div class='ocr_carea' id='block_1_")
        .append(blocks)
        .append("' title=\"bbox ")
        .append(bbox(bounds))
        .append("\">\n    <p class='ocr_par' id='par_1_")
        .append(blocks)
        .append("' title=\"bbox ")
        .append(bbox(bounds))
        .append("\">\n");
  }

  void line(Rectangle bounds, List<OcrWord> lineWords) {
    lines++;
    hocr.append("     <span class='ocr_line' id='line_1_")
        .append(lines)
        .append("' title=\"bbox ")
        .append(bbox(bounds))
        .append("\">\n");
    for (OcrWord word : lineWords) {
      words++;
      hocr.append("      <span class='ocrx_word' id='word_1_")
          .append(words)
          .append("' title='bbox ")
          .append(word.left())
          .append(' ')
          .append(word.top())
          .append(' ')
          .append(word.left() + word.width())
          .append(' ')
          .append(word.top() + word.height())
          .append("; x_wconf ")
          .append(Math.round(word.confidence()))
          .append("'>")
          .append(escape(word.text()))
          .append("</span>\n");
    }
    hocr.append("     </span>\n");
  }

  void endBlock() {
    hocr.append("    </p>\n   </div>\n");
  }

  @Override
  public String toString() {
    return hocr + "  </div>\n";
  }

  private static String bbox(Rectangle box) {
    return box.x + " " + box.y + " " + (box.x + box.width) + " " + (box.y + box.height);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace("\"", "&quot;");
  }
}
