package io.docgrid.tasks.preprocess.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the kernels without a GPU: every CUDA source in the jar compiles to PTX with the CUDA
 * toolkit's {@code nvcc}, with the options the node's NVRTC uses, and without a single warning.
 * Skips where no {@code nvcc} is on the PATH.
 */
class KernelSourcesCompileTest {

  @TempDir Path work;

  static Stream<String> kernelSources() {
    return KernelSources.FILES.stream();
  }

  @Test
  void every_cu_file_in_the_resources_is_a_listed_kernel_source() throws IOException {
    Path directory = Path.of("src/main/resources/io/docgrid/tasks/preprocess/cuda");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(file -> file.getFileName().toString()).filter(n -> n.endsWith(".cu")))
          .containsExactlyInAnyOrderElementsOf(KernelSources.FILES);
    }
  }

  @ParameterizedTest
  @MethodSource("kernelSources")
  void kernel_source_compiles_to_ptx_without_errors_or_warnings(String file) throws Exception {
    Path nvcc = nvcc();
    Assumptions.assumeTrue(nvcc != null, "nvcc is not on the PATH: kernels not compiled");
    Path source = work.resolve(file);
    Files.writeString(source, KernelSources.read(file), StandardCharsets.UTF_8);
    Path ptx = work.resolve(file + ".ptx");
    List<String> command = new ArrayList<>(List.of(nvcc.toString(), "-ptx", "-arch=compute_80"));
    command.addAll(List.of("--Werror", "all-warnings", "-fmad=false"));
    command.addAll(List.of("-o", ptx.toString(), source.toString()));

    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("nvcc finished").isTrue();

    assertThat(process.exitValue()).as("nvcc exit status; output:%n%s", output).isZero();
    assertThat(output).as("compiler output").isBlank();
    assertThat(Files.readString(ptx)).contains(".entry");
  }

  private static Path nvcc() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String directory : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(directory, "nvcc");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
