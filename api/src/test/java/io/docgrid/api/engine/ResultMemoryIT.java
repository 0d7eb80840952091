package io.docgrid.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory bounded by design, checked by size rather than time: a result of 400 pages and 100 MB is
 * written range by range, assembled, stored and read back as JSON in a JVM whose whole heap is 40
 * MB, where the result could never be held at once.
 */
class ResultMemoryIT {

  private static final int PAGES = 400;
  private static final int PAGE_CHARS = 250_000;
  private static final long HEAP_BYTES = 40L << 20;

  @Test
  void a_result_twice_the_heap_is_assembled_and_read_back_page_by_page(@TempDir Path temp)
      throws Exception {
    Path out = temp.resolve("out.txt");
    Path err = temp.resolve("err.txt");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + (HEAP_BYTES >> 20) + "m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")),
                    LargeResultRun.class.getName(),
                    temp.resolve("blobs").toString(),
                    Integer.toString(PAGES),
                    Integer.toString(PAGE_CHARS)))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();

    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the run ends").isTrue();
    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    String report = Files.readString(out).strip();
    long stored = Long.parseLong(report.replaceAll(".*stored=(\\d+).*", "$1"));
    long answered = Long.parseLong(report.replaceAll(".*answered=(\\d+).*", "$1"));
    assertThat(report).endsWith("pages=" + PAGES);
    assertThat(stored).isGreaterThan(2 * HEAP_BYTES).isGreaterThan((long) PAGES * PAGE_CHARS);
    assertThat(answered).isGreaterThan(2 * HEAP_BYTES);
  }
}
