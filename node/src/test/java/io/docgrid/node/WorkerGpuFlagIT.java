package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.tasks.preprocess.cuda.GpuDetector;
import io.docgrid.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docgrid worker --gpu} on a machine without a usable GPU, as separate processes: {@code on}
 * refuses to start, {@code auto} serves on the CPU. Each worker forms a grid of its own.
 */
class WorkerGpuFlagIT {

  @BeforeAll
  static void onlyWithoutAGpu() {
    Assumptions.assumeFalse(
        new GpuDetector().detect().usable(), "this machine has a GPU: --gpu on would start");
  }

  private static List<String> lonelyWorker(Path data, int statusPort, String... gpuFlags) {
    List<String> flags =
        GridProcesses.gridOnFreePorts("--worker-heap", "256m", "--worker-processes", "1");
    flags.addAll(List.of(gpuFlags));
    return GridProcesses.workerArgs(data, statusPort, flags);
  }

  @Test
  void gpu_on_without_a_gpu_exits_with_code_2_and_names_the_flag(@TempDir Path temp)
      throws Exception {
    Path log = temp.resolve("worker.log");
    try (DocgridProcess worker =
        DocgridProcess.launch(
            log, lonelyWorker(temp.resolve("data"), 0, "--gpu", "on", "--isolation", "none"))) {

      assertThat(worker.awaitExit(Duration.ofSeconds(90))).as(worker.tail()).isEqualTo(2);
      assertThat(Files.readString(log))
          .contains("error: --gpu on, but this machine has no usable GPU");
    }
  }

  @Test
  void gpu_on_with_extraction_in_child_jvms_exits_with_code_2_and_names_the_flags(
      @TempDir Path temp) throws Exception {
    Path log = temp.resolve("worker.log");
    try (DocgridProcess worker =
        DocgridProcess.launch(log, lonelyWorker(temp.resolve("data"), 0, "--gpu", "on"))) {

      assertThat(worker.awaitExit(Duration.ofSeconds(90))).as(worker.tail()).isEqualTo(2);
      assertThat(Files.readString(log)).contains("error: --gpu on needs --isolation none");
    }
  }

  @Test
  void gpu_auto_without_a_gpu_serves_on_the_cpu(@TempDir Path temp) throws Exception {
    int statusPort = FreePorts.block(1);
    Path log = temp.resolve("worker.log");
    try (DocgridProcess worker =
        DocgridProcess.launch(
            log,
            lonelyWorker(
                temp.resolve("data"), statusPort, "--gpu", "auto", "--isolation", "none"))) {
      worker.awaitOk("http://127.0.0.1:" + statusPort + "/api/v1/ready", Duration.ofSeconds(90));

      String metrics = GridProcesses.metrics(statusPort);
      assertThat(metrics)
          .contains(
              "docgrid_preprocess_pages_total",
              "docgrid_gpu_batch_fill_ratio",
              "# TYPE docgrid_ocr_batch_size histogram");
      assertThat(metrics).doesNotContain("docgrid_gpu_utilization_ratio{");
      assertThat(Files.readString(log)).contains("--gpu auto: no usable GPU");
      assertThat(worker.terminate(Duration.ofSeconds(60))).isIn(0, 143);
    }
  }
}
