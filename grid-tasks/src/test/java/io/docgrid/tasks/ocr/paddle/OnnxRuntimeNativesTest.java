package io.docgrid.tasks.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeNativesTest {

  private static final String RUNTIME = System.mapLibraryName("onnxruntime");
  private static final String BINDING = System.mapLibraryName("onnxruntime4j_jni");

  @TempDir Path data;

  @Test
  void unpacks_the_jars_libraries_for_this_platform_into_a_directory_of_their_own()
      throws Exception {
    Path directory = OnnxRuntimeNatives.unpack(data.resolve("native"));

    assertThat(directory.getParent()).isEqualTo(data.resolve("native"));
    assertThat(directory.getFileName().toString())
        .matches("onnxruntime-" + OnnxRuntimeNatives.platform() + "-[0-9a-f]{12}");
    assertThat(fileNames(directory)).containsExactlyInAnyOrder(RUNTIME, BINDING);
    assertThat(Files.readAllBytes(directory.resolve(RUNTIME))).isEqualTo(bundled(RUNTIME));
    assertThat(Files.readAllBytes(directory.resolve(BINDING))).isEqualTo(bundled(BINDING));
  }

  @Test
  void a_second_start_keeps_the_files_a_running_jvm_may_have_loaded() throws Exception {
    Path directory = OnnxRuntimeNatives.unpack(data);
    Object before = identity(directory.resolve(RUNTIME));

    assertThat(OnnxRuntimeNatives.unpack(data)).isEqualTo(directory);
    assertThat(identity(directory.resolve(RUNTIME))).isEqualTo(before);
  }

  @Test
  void a_library_cut_short_is_written_again() throws Exception {
    Path directory = OnnxRuntimeNatives.unpack(data);
    Path binding = directory.resolve(BINDING);
    byte[] whole = Files.readAllBytes(binding);
    Files.write(binding, Arrays.copyOf(whole, whole.length / 2));

    OnnxRuntimeNatives.unpack(data);

    assertThat(Files.readAllBytes(binding)).isEqualTo(bundled(BINDING));
  }

  @Test
  void nodes_starting_at_once_on_one_data_directory_all_find_whole_files() throws Exception {
    int nodes = 6;
    CyclicBarrier start = new CyclicBarrier(nodes);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      List<Future<Path>> unpacked = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        unpacked.add(
            pool.submit(
                () -> {
                  start.await();
                  return OnnxRuntimeNatives.unpack(data);
                }));
      }
      List<Path> directories = new ArrayList<>();
      for (Future<Path> directory : unpacked) {
        directories.add(directory.get());
      }
      assertThat(directories).hasSize(nodes).containsOnly(directories.get(0));
      Path directory = directories.get(0);
      assertThat(fileNames(directory))
          .as("no temporary file is left behind")
          .containsExactlyInAnyOrder(RUNTIME, BINDING);
      assertThat(Files.readAllBytes(directory.resolve(RUNTIME))).isEqualTo(bundled(RUNTIME));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void points_onnx_runtime_at_the_unpacked_libraries() {
    Properties properties = new Properties();

    Path directory = OnnxRuntimeNatives.useUnpackedUnder(data, properties).orElseThrow();

    assertThat(properties.getProperty(OnnxRuntimeNatives.NATIVE_PATH))
        .isEqualTo(directory.toString());
    assertThat(directory.resolve(RUNTIME)).isRegularFile();
  }

  @Test
  void an_operators_own_path_is_kept_and_nothing_is_unpacked() throws Exception {
    Path operators = Files.createDirectories(data.resolve("opt-onnxruntime-lib"));
    for (String name : List.of("onnxruntime", "onnxruntime4j_jni")) {
      Files.write(operators.resolve(System.mapLibraryName(name)), new byte[] {1});
    }
    Properties properties = new Properties();
    properties.setProperty(OnnxRuntimeNatives.NATIVE_PATH, operators.toString());

    assertThat(OnnxRuntimeNatives.useUnpackedUnder(data.resolve("native"), properties)).isEmpty();

    assertThat(properties.getProperty(OnnxRuntimeNatives.NATIVE_PATH))
        .isEqualTo(operators.toString());
    assertThat(data.resolve("native")).doesNotExist();
  }

  @Test
  void a_path_without_the_libraries_is_replaced_by_the_unpacked_ones() {
    // A mistyped path, or the data directory of a node that ran earlier in this JVM, since removed.
    Properties properties = new Properties();
    properties.setProperty(OnnxRuntimeNatives.NATIVE_PATH, data.resolve("gone").toString());

    Path directory =
        OnnxRuntimeNatives.useUnpackedUnder(data.resolve("native"), properties).orElseThrow();

    assertThat(properties.getProperty(OnnxRuntimeNatives.NATIVE_PATH))
        .isEqualTo(directory.toString());
    assertThat(directory.resolve(RUNTIME)).isRegularFile();
  }

  @Test
  void where_unpacking_fails_onnx_runtime_is_left_to_its_own_way() throws Exception {
    Path notADirectory = Files.writeString(data.resolve("native"), "in the way");
    Properties properties = new Properties();

    assertThat(OnnxRuntimeNatives.useUnpackedUnder(notADirectory, properties)).isEmpty();

    assertThat(properties.getProperty(OnnxRuntimeNatives.NATIVE_PATH)).isNull();
  }

  private static byte[] bundled(String fileName) throws IOException {
    String resource = "/ai/onnxruntime/native/" + OnnxRuntimeNatives.platform() + "/" + fileName;
    try (InputStream in = OnnxRuntimeNatives.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return in.readAllBytes();
    }
  }

  private static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).toList();
    }
  }

  /** The file's inode and modification time: the same only for a file not written again. */
  private static List<Object> identity(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return List.of(attributes.fileKey(), attributes.lastModifiedTime());
  }
}
