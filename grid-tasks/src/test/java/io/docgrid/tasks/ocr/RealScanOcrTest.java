package io.docgrid.tasks.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.testkit.CharacterErrorRate;
import io.docgrid.testkit.Corpus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/** OCR of real scans from the shared corpus (shared/corpus/ocr-dev) against their ground truth. */
class RealScanOcrTest {

  private static final int FALLBACK_DPI = 300;

  @TempDir Path modelsDirectory;

  @Test
  void tesseract_sample_scan_reads_with_under_5_percent_character_errors() throws IOException {
    Path scan = Corpus.ocrDev("real__phototest.tif");
    String truth = Files.readString(Corpus.ocrDev("real__phototest.gt.txt"));
    Scan image = readScan(scan);

    try (OcrEngine engine =
        new OcrEngine(TessdataDirectory.install(modelsDirectory), List.of("eng"))) {
      OcrPage page = engine.recognise(image.pixels(), image.dpi());

      double errorRate = CharacterErrorRate.of(truth, page.text());
      System.out.printf(
          "%s: %dx%d at %d dpi, CER %.4f, mean confidence %.1f%n",
          scan.getFileName(),
          image.pixels().width(),
          image.pixels().height(),
          image.dpi(),
          errorRate,
          page.meanConfidence());
      assertThat(errorRate).isLessThan(0.05);
    }
  }

  @Test
  void tesseract_sample_scan_turned_sideways_is_detected() throws IOException {
    Scan image = readScan(Corpus.ocrDev("real__phototest.tif"));
    BufferedImage turned = RenderedText.rotateClockwise(image.pixels().toBufferedImage(), 90);

    try (OcrEngine engine =
        new OcrEngine(TessdataDirectory.install(modelsDirectory), List.of("eng"))) {
      assertThat(engine.detectOrientation(GrayImage.of(turned), image.dpi()).rotateDegrees())
          .isEqualTo(270);
      assertThat(engine.detectOrientation(image.pixels(), image.dpi()).rotateDegrees()).isZero();
    }
  }

  private record Scan(GrayImage pixels, int dpi) {}

  /** Reads the first image and its resolution (from the standard metadata tree) with ImageIO. */
  private static Scan readScan(Path file) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(input).next();
      try {
        reader.setInput(input);
        BufferedImage image = reader.read(0);
        return new Scan(GrayImage.of(image), dpi(reader.getImageMetadata(0)));
      } finally {
        reader.dispose();
      }
    }
  }

  private static int dpi(IIOMetadata metadata) {
    if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
      return FALLBACK_DPI;
    }
    IIOMetadataNode root =
        (IIOMetadataNode) metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
    NodeList sizes = root.getElementsByTagName("HorizontalPixelSize");
    if (sizes.getLength() == 0) {
      return FALLBACK_DPI;
    }
    // The standard tree gives millimetres per pixel.
    double millimetres =
        Double.parseDouble(((IIOMetadataNode) sizes.item(0)).getAttribute("value"));
    return millimetres > 0 ? (int) Math.round(25.4 / millimetres) : FALLBACK_DPI;
  }
}
