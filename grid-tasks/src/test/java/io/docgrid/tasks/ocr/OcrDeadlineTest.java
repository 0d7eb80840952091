package io.docgrid.tasks.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.tasks.image.GrayImage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcrDeadlineTest {

  @TempDir Path models;

  @Test
  void recognition_stops_at_its_deadline_and_says_so() {
    GrayImage page =
        RenderedText.gray(
            Collections.nCopies(12, "A long line of ordinary words that takes Tesseract a while."));
    try (OcrEngine engine = new OcrEngine(TessdataDirectory.install(models), List.of("eng"))) {
      assertThatThrownBy(() -> engine.recognise(page, 300, 1))
          .isInstanceOf(OcrDeadlineExceededException.class)
          .hasMessageContaining("1 ms");

      // The engine is still usable afterwards, and a generous deadline changes nothing.
      assertThat(engine.recognise(page, 300, 60_000).text()).contains("ordinary words");
    }
  }
}
