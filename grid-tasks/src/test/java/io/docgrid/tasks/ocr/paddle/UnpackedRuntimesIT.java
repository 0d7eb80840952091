package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder that a node in another process loads from is kept until that process ends. */
class UnpackedRuntimesIT {

  @TempDir Path parent;

  @Test
  void a_folder_another_process_claims_is_kept_until_that_process_ends() throws Exception {
    Path current = Files.createDirectories(parent.resolve("onnxruntime-linux-x64-000000000002"));
    Path earlier = Files.createDirectories(parent.resolve("onnxruntime-linux-x64-000000000001"));
    Files.write(earlier.resolve("libonnxruntime.so"), new byte[] {1, 2, 3});
    UnpackedRuntimes.claim(current);

    Process otherNode = claimInAnotherProcess(earlier);
    try {
      assertThat(UnpackedRuntimes.removeUnclaimed(parent, current)).isEmpty();
      assertThat(earlier.resolve("libonnxruntime.so")).isRegularFile();
    } finally {
      otherNode.getOutputStream().close();
      assertThat(otherNode.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }

    assertThat(UnpackedRuntimes.removeUnclaimed(parent, current)).containsExactly(earlier);
    assertThat(earlier).doesNotExist();
    assertThat(current).isDirectory();
  }

  @Test
  void a_claim_ends_with_its_process_however_it_ends() throws Exception {
    Path current = Files.createDirectories(parent.resolve("onnxruntime-linux-x64-00000000000b"));
    Path earlier = Files.createDirectories(parent.resolve("onnxruntime-linux-x64-00000000000a"));
    UnpackedRuntimes.claim(current);

    Process otherNode = claimInAnotherProcess(earlier);
    assertThat(UnpackedRuntimes.removeUnclaimed(parent, current)).isEmpty();
    otherNode.destroyForcibly();
    assertThat(otherNode.waitFor(1, TimeUnit.MINUTES)).isTrue();

    assertThat(UnpackedRuntimes.removeUnclaimed(parent, current)).containsExactly(earlier);
  }

  /** A JVM that holds a claim on {@code folder} until its standard input closes. */
  private static Process claimInAnotherProcess(Path folder) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    RuntimeClaimHolder.class.getName(),
                    folder.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(output.readLine()).isEqualTo("claimed");
    return process;
  }
}
