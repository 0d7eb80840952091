package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.ocr.OcrPage;
import io.docgrid.tasks.ocr.OcrWord;
import io.docgrid.testkit.TestPages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pages of different jobs batched together read exactly as each read alone: the batching a GPU node
 * does, run here on ONNX Runtime's CPU provider with two sets of sessions standing in for two
 * devices (the CUDA provider itself is tested by {@link CudaPaddleOcrTest} where a GPU is).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedInferenceTest {

  private static final int PAGES = 4;

  private final List<GrayImage> pages = new ArrayList<>();
  private final List<OcrPage> readAlone = new ArrayList<>();

  @BeforeAll
  void readEachPageAlone() {
    for (int seed = 1; seed <= PAGES; seed++) {
      pages.add(GrayImage.of(TestPages.scan(1.5 * seed - 3.5, 12, new Random(seed))));
    }
    try (PaddleInference direct = PaddleRuntime.cpu().open()) {
      PaddleOcrEngine engine = new PaddleOcrEngine(direct);
      for (GrayImage page : pages) {
        readAlone.add(engine.recognise(page, 300, 0));
      }
    }
  }

  @AfterAll
  void clear() {
    pages.clear();
  }

  @Test
  void pages_read_at_once_share_batches_and_read_as_each_read_alone() throws Exception {
    Map<String, List<Integer>> batchSizes = new ConcurrentHashMap<>();
    BatchedInference.Listener listener =
        (model, size, capacity, waited) ->
            batchSizes
                .computeIfAbsent(model, m -> Collections.synchronizedList(new ArrayList<>()))
                .add(size);
    // A long wait, so that the pages, started together, meet in one detection batch however
    // slowly this machine prepares them; a full batch leaves without waiting.
    BatchedInference.Limits limits = new BatchedInference.Limits(PAGES, 64, Duration.ofSeconds(3));
    List<OcrPage> readTogether = new ArrayList<>();
    ExecutorService jobs = Executors.newFixedThreadPool(PAGES);
    try (PaddleInference batched =
        new BatchedInference(
            List.of(PaddleModels.load(1), PaddleModels.load(1)), limits, listener)) {
      PaddleOcrEngine engine = new PaddleOcrEngine(batched);
      CyclicBarrier start = new CyclicBarrier(PAGES);
      List<Future<OcrPage>> reading = new ArrayList<>();
      for (GrayImage page : pages) {
        reading.add(
            jobs.submit(
                () -> {
                  start.await();
                  return engine.recognise(page, 300, 0);
                }));
      }
      for (Future<OcrPage> page : reading) {
        readTogether.add(page.get(5, TimeUnit.MINUTES));
      }
    } finally {
      jobs.shutdownNow();
    }

    assertThat(batchSizes.get("det")).containsExactly(PAGES);
    // The pages leave detection together, so their lines meet in the classifier's batches.
    int lines = readAlone.stream().mapToInt(BatchedInferenceTest::lineCount).sum();
    int mostLinesOfOnePage =
        readAlone.stream().mapToInt(BatchedInferenceTest::lineCount).max().orElseThrow();
    assertThat(batchSizes.get("cls").stream().mapToInt(Integer::intValue).sum()).isEqualTo(lines);
    assertThat(batchSizes.get("cls"))
        .anySatisfy(size -> assertThat(size).isGreaterThan(mostLinesOfOnePage));
    assertThat(batchSizes.get("rec").stream().mapToInt(Integer::intValue).sum())
        .isGreaterThanOrEqualTo(lines);
    for (int i = 0; i < PAGES; i++) {
      OcrPage alone = readAlone.get(i);
      OcrPage together = readTogether.get(i);
      assertThat(together.text()).as("page %d", i).isEqualTo(alone.text());
      assertThat(together.words()).hasSameSizeAs(alone.words());
      for (int w = 0; w < alone.words().size(); w++) {
        OcrWord expected = alone.words().get(w);
        OcrWord actual = together.words().get(w);
        assertThat(actual.left()).isEqualTo(expected.left());
        assertThat(actual.top()).isEqualTo(expected.top());
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.confidence()).isCloseTo(expected.confidence(), within(0.01f));
      }
    }
  }

  private static int lineCount(OcrPage page) {
    return (int) page.text().lines().filter(line -> !line.isBlank()).count();
  }
}
