package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docgrid.testkit.ExtractionJvmOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime in fresh JVMs, each with a java.io.tmpdir of its own: with the libraries unpacked
 * under the data directory it maps them from there and never from java.io.tmpdir (the directory a
 * container may mount noexec), and runs the PaddleOCR models.
 */
class OnnxRuntimeNativesIT {

  private static final String RUNTIME = System.mapLibraryName("onnxruntime");
  private static final String BINDING = System.mapLibraryName("onnxruntime4j_jni");

  @TempDir Path temp;

  @BeforeAll
  static void onLinux() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "reads /proc/self/maps");
  }

  @Test
  void a_jvm_loads_onnx_runtime_from_the_unpacked_directory() throws Exception {
    Path data = Files.createDirectories(temp.resolve("data"));
    Path tmpdir = Files.createDirectories(temp.resolve("tmp"));

    List<String> mapped = probe(tmpdir, "unpacked", data.resolve("native").toString());

    Path unpacked = OnnxRuntimeNatives.unpack(data.resolve("native"));
    assertThat(mapped)
        .containsExactlyInAnyOrder(
            unpacked.resolve(RUNTIME).toString(), unpacked.resolve(BINDING).toString());
  }

  /** The control: the same probe shows where ONNX Runtime loads from when left to itself. */
  @Test
  void left_to_itself_onnx_runtime_loads_from_java_io_tmpdir() throws Exception {
    Path tmpdir = Files.createDirectories(temp.resolve("tmp"));

    List<String> mapped = probe(tmpdir, "default");

    assertThat(mapped).hasSize(2).allMatch(file -> file.startsWith(tmpdir + "/"));
  }

  /** The files the probe's JVM mapped ONNX Runtime's libraries from. */
  private static List<String> probe(Path tmpdir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ExtractionJvmOptions.fromBuild());
    command.add("-Djava.io.tmpdir=" + tmpdir);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(OnnxRuntimeLoadProbe.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).as("the models ran").contains("version 1.");
    return output
        .lines()
        .filter(line -> line.startsWith("mapped "))
        .map(line -> line.substring("mapped ".length()))
        .toList();
  }
}
