package io.docgrid.tasks.ocr.paddle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link OnnxRuntimeNativesIT}: loads the PaddleOCR models, the way a
 * node does after {@link OnnxRuntimeNatives#useUnpackedUnder} (argument {@code unpacked <parent>})
 * or without it ({@code default}), then prints the files this process has mapped ONNX Runtime's
 * libraries from, one per line, from the kernel's own record of them.
 */
public final class OnnxRuntimeLoadProbe {

  private OnnxRuntimeLoadProbe() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("unpacked")) {
      OnnxRuntimeNatives.useUnpackedUnder(Path.of(args[1]))
          .orElseThrow(() -> new IllegalStateException("nothing unpacked"));
    }
    try (PaddleModels models = PaddleModels.load(1)) {
      System.out.println("version " + models.versions().get("onnxruntime"));
    }
    try (var maps = Files.lines(Path.of("/proc/self/maps"))) {
      maps.map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
          .filter(file -> file.contains("libonnxruntime"))
          .distinct()
          .forEach(file -> System.out.println("mapped " + file));
    }
  }
}
