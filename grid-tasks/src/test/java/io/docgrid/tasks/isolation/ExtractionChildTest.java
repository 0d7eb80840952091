package io.docgrid.tasks.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.ocr.paddle.OnnxRuntimeNatives;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExtractionChildTest {

  private static final Path SOCKET = Path.of("/run/docgrid/child-1.sock");

  @Test
  void a_child_loads_onnx_runtime_from_where_the_node_does() {
    Properties node = new Properties();
    node.setProperty(OnnxRuntimeNatives.NATIVE_PATH, "/var/lib/docgrid/native/onnxruntime-x");

    List<String> command = ExtractionChild.command(settings(List.of()), 2, SOCKET, node);

    assertThat(command)
        .contains("-Donnxruntime.native.path=/var/lib/docgrid/native/onnxruntime-x")
        .endsWith(ExtractionWorkerMain.class.getName(), "/models", SOCKET.toString(), "2", "n1");
  }

  @Test
  void an_operators_option_for_the_children_comes_after_the_nodes_and_so_wins() {
    Properties node = new Properties();
    node.setProperty(OnnxRuntimeNatives.NATIVE_PATH, "/from/the/node");
    String operators = "-Donnxruntime.native.path=/from/the/operator";

    List<String> command = ExtractionChild.command(settings(List.of(operators)), 1, SOCKET, node);

    assertThat(command.indexOf(operators))
        .isGreaterThan(command.indexOf("-Donnxruntime.native.path=/from/the/node"))
        .isLessThan(command.indexOf("-cp"));
  }

  @Test
  void a_node_that_has_no_path_hands_on_none() {
    List<String> command =
        ExtractionChild.command(settings(List.of()), 1, SOCKET, new Properties());

    assertThat(command).noneMatch(option -> option.startsWith("-Donnxruntime"));
  }

  private static IsolationSettings settings(List<String> jvmOptions) {
    return new IsolationSettings(
        Path.of("/usr/bin/java"),
        "docgrid.jar",
        Path.of("/models"),
        "256m",
        jvmOptions,
        1,
        2,
        Duration.ofMinutes(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        "n1");
  }
}
