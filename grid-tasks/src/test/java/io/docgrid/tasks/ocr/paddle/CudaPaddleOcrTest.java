package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.ocr.OcrPage;
import io.docgrid.tasks.ocr.OcrWord;
import io.docgrid.testkit.TestPages;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PaddleOCR on ONNX Runtime's CUDA execution provider, batched as a GPU node runs it, against the
 * CPU's reading of the same pages one by one. Skips, saying why, where this build's ONNX Runtime
 * has no CUDA provider (the default build is the CPU one) or no device answers; {@code
 * ops/gpu/prove.sh} runs it on a GPU machine with the GPU build ({@code -Ponnxruntime-gpu}).
 */
@Tag("gpu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CudaPaddleOcrTest {

  private PaddleInference cpu;
  private PaddleInference cuda;
  private String problem;

  @BeforeAll
  void loadOnBoth() {
    cpu = PaddleRuntime.cpu().open();
    problem = CudaPaddle.unavailableBecause();
    if (problem == null) {
      cuda =
          PaddleRuntime.cuda(
                  List.of(0), BatchedInference.Limits.DEFAULT, BatchedInference.Listener.IGNORED)
              .open();
    }
  }

  @AfterAll
  void close() {
    cpu.close();
    if (cuda != null) {
      cuda.close();
    }
  }

  @Test
  void cuda_reads_the_same_text_and_boxes_as_the_cpu() {
    Assumptions.assumeTrue(cuda != null, () -> problem);
    for (int seed = 1; seed <= 4; seed++) {
      GrayImage page = GrayImage.of(TestPages.scan(seed - 2.5, 15, new Random(seed)));

      OcrPage onCpu = new PaddleOcrEngine(cpu).recognise(page, 300, 0);
      OcrPage onCuda = new PaddleOcrEngine(cuda).recognise(page, 300, 0);

      assertThat(onCuda.text()).as("seed %d", seed).isEqualTo(onCpu.text());
      assertThat(onCuda.words()).hasSameSizeAs(onCpu.words());
      for (int i = 0; i < onCpu.words().size(); i++) {
        OcrWord expected = onCpu.words().get(i);
        OcrWord actual = onCuda.words().get(i);
        // Float sums differ in their last bits between providers: boxes within a pixel or two.
        assertThat(Math.abs(actual.left() - expected.left())).isLessThanOrEqualTo(2);
        assertThat(Math.abs(actual.top() - expected.top())).isLessThanOrEqualTo(2);
      }
    }
  }
}
