package io.docgrid.tasks.output;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font of a searchable PDF's invisible text, as Tesseract and OCRmyPDF make it: Tesseract's
 * glyphless TrueType font as a CID font whose codes are the text's UTF-16 code units, every code
 * drawn with the one empty glyph, and a ToUnicode map that gives the text back as it was. So the
 * text layer holds any script of the Basic Multilingual Plane, and readers search and copy it.
 * Characters beyond it (rare ideographs, emoji) become '?'.
 */
final class InvisibleTextFont extends PDType0Font {

  private static final String NAME = "GlyphLessFont";
  private static final String FONT_RESOURCE = "/docgrid-fonts/tessdata/pdf.ttf";

  /** Every glyph is half an em wide; the horizontal scaling stretches words to their boxes. */
  private static final int GLYPH_WIDTH = 500;

  private InvisibleTextFont(COSDictionary dictionary) throws IOException {
    super(dictionary);
  }

  /** A new instance of the font in {@code document}, to be used for that document only. */
  static InvisibleTextFont in(PDDocument document) throws IOException {
    COSDictionary font = new COSDictionary();
    font.setItem(COSName.TYPE, COSName.FONT);
    font.setItem(COSName.SUBTYPE, COSName.TYPE0);
    font.setName(COSName.BASE_FONT, NAME);
    font.setItem(COSName.ENCODING, COSName.IDENTITY_H);
    font.setItem(COSName.DESCENDANT_FONTS, new COSArray(List.of(cidFont(document))));
    font.setItem(COSName.TO_UNICODE, stream(document, identityToUnicode()));
    return new InvisibleTextFont(font);
  }

  @Override
  protected byte[] encode(int unicode) {
    boolean representable =
        unicode <= 0xFFFF && !Character.isSurrogate((char) unicode) && unicode != 0;
    int code = representable ? unicode : '?';
    return new byte[] {(byte) (code >> 8), (byte) code};
  }

  private static COSDictionary cidFont(PDDocument document) throws IOException {
    COSDictionary systemInfo = new COSDictionary();
    systemInfo.setString(COSName.REGISTRY, "Adobe");
    systemInfo.setString(COSName.ORDERING, "Identity");
    systemInfo.setInt(COSName.SUPPLEMENT, 0);

    COSDictionary cidFont = new COSDictionary();
    cidFont.setItem(COSName.TYPE, COSName.FONT);
    cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
    cidFont.setName(COSName.BASE_FONT, NAME);
    cidFont.setItem(COSName.CIDSYSTEMINFO, systemInfo);
    cidFont.setInt(COSName.DW, GLYPH_WIDTH);
    cidFont.setItem(COSName.CID_TO_GID_MAP, stream(document, everyCodeToGlyphOne()));
    cidFont.setItem(COSName.FONT_DESC, descriptor(document));
    return cidFont;
  }

  private static COSDictionary descriptor(PDDocument document) throws IOException {
    COSDictionary descriptor = new COSDictionary();
    descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
    descriptor.setName(COSName.FONT_NAME, NAME);
    descriptor.setInt(COSName.FLAGS, 5); // fixed pitch, symbolic
    COSArray box = new COSArray();
    for (int value : new int[] {0, 0, GLYPH_WIDTH, 1000}) {
      box.add(COSInteger.get(value));
    }
    descriptor.setItem(COSName.FONT_BBOX, box);
    descriptor.setInt(COSName.ITALIC_ANGLE, 0);
    descriptor.setInt(COSName.ASCENT, 1000);
    descriptor.setInt(COSName.DESCENT, 0);
    descriptor.setInt(COSName.CAP_HEIGHT, 1000);
    descriptor.setInt(COSName.STEM_V, 80);
    descriptor.setItem(COSName.FONT_FILE2, stream(document, glyphlessFontProgram()));
    return descriptor;
  }

  private static byte[] glyphlessFontProgram() throws IOException {
    try (InputStream in = InvisibleTextFont.class.getResourceAsStream(FONT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(FONT_RESOURCE + " is missing from the build");
      }
      return in.readAllBytes();
    }
  }

  /** CIDToGIDMap: two bytes per code 0 to 0xFFFF, each naming glyph 1, the empty one. */
  private static byte[] everyCodeToGlyphOne() {
    byte[] map = new byte[0x10000 * 2];
    for (int i = 1; i < map.length; i += 2) {
      map[i] = 1;
    }
    return map;
  }

  /** ToUnicode: each code is its own UTF-16 code unit, in 256 ranges of 256 codes. */
  private static byte[] identityToUnicode() {
    StringBuilder cmap = new StringBuilder();
    cmap.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
        .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
        .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
        .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (int block = 0; block < 256; block += 100) {
      int ranges = Math.min(100, 256 - block);
      cmap.append(ranges).append(" beginbfrange\n");
      for (int high = block; high < block + ranges; high++) {
        cmap.append(String.format("<%02X00> <%02XFF> <%02X00>\n", high, high, high));
      }
      cmap.append("endbfrange\n");
    }
    cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return cmap.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static PDStream stream(PDDocument document, byte[] content) {
    try {
      return new PDStream(document, new ByteArrayInputStream(content), COSName.FLATE_DECODE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
