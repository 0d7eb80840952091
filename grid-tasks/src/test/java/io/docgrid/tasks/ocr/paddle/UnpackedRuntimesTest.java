package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedRuntimesTest {

  @TempDir Path parent;

  @Test
  void folders_of_earlier_builds_that_no_process_claims_are_removed_and_nothing_else()
      throws Exception {
    Path current = Files.createDirectories(parent.resolve("onnxruntime-linux-x64-cccccccccccc"));
    Path earlier = Files.createDirectories(parent.resolve("onnxruntime-linux-x64-aaaaaaaaaaaa"));
    Files.write(earlier.resolve("libonnxruntime.so"), new byte[] {1, 2, 3});
    Path models = Files.createDirectories(parent.resolve("models"));
    Path looksAlike = Files.writeString(parent.resolve("onnxruntime-notes.txt"), "kept");
    UnpackedRuntimes.claim(current);

    assertThat(UnpackedRuntimes.removeUnclaimed(parent, current)).containsExactly(earlier);

    assertThat(earlier).doesNotExist();
    assertThat(current).isDirectory();
    assertThat(models).isDirectory();
    assertThat(looksAlike).isRegularFile();
  }

  @Test
  void a_folder_this_process_claims_is_kept() throws Exception {
    Path current = Files.createDirectories(parent.resolve("onnxruntime-linux-x64-dddddddddddd"));
    Path loadedEarlier =
        Files.createDirectories(parent.resolve("onnxruntime-linux-x64-eeeeeeeeeeee"));
    UnpackedRuntimes.claim(loadedEarlier);
    UnpackedRuntimes.claim(loadedEarlier); // a second node in this JVM

    assertThat(UnpackedRuntimes.removeUnclaimed(parent, current)).isEmpty();
    assertThat(loadedEarlier).isDirectory();
  }

  @Test
  void a_node_starting_on_a_new_build_removes_the_folder_of_the_last() throws Exception {
    Path nativeDir = parent.resolve("native");
    Path lastBuild =
        Files.createDirectories(
            nativeDir.resolve("onnxruntime-" + OnnxRuntimeNatives.platform() + "-0123456789ab"));
    Files.write(lastBuild.resolve(System.mapLibraryName("onnxruntime")), new byte[] {1});

    Path directory = OnnxRuntimeNatives.useUnpackedUnder(nativeDir, new Properties()).orElseThrow();

    assertThat(lastBuild).doesNotExist();
    assertThat(directory).isDirectory().isNotEqualTo(lastBuild);
  }
}
