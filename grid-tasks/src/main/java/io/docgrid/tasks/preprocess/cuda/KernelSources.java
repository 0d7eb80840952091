package io.docgrid.tasks.preprocess.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The CUDA C sources shipped in the jar, next to this class. */
public final class KernelSources {

  /** Every kernel source, by file name; one CUDA module each. */
  public static final List<String> FILES =
      List.of("grayscale.cu", "skew.cu", "rotate.cu", "sauvola.cu");

  /**
   * Options for every compilation. No fused multiply-add: the Sauvola threshold must round like the
   * JVM's double arithmetic, step by step.
   */
  public static final List<String> COMPILE_OPTIONS = List.of("--fmad=false");

  private KernelSources() {}

  public static String read(String file) {
    try (InputStream in = KernelSources.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("kernel source " + file + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read kernel source " + file, e);
    }
  }
}
