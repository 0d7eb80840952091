package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a node runs document jobs: time limits, isolation in child JVMs, GPUs, shutdown grace. */
public final class JobsOptions {

  @Option(
      names = "--job-timeout",
      description = "Longest a document may take, e.g. 10m (default: ${DEFAULT-VALUE}).",
      defaultValue = "10m")
  String jobTimeout;

  @Option(
      names = "--shutdown-grace",
      description =
          "How long a stopping node lets running jobs finish (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  String shutdownGrace;

  @Option(
      names = "--page-timeout",
      description =
          "Longest one page may take; a slower page fails alone, the rest of the document still"
              + " comes back (default: ${DEFAULT-VALUE}).",
      defaultValue = "2m")
  String pageTimeout;

  @Option(
      names = "--isolation",
      description =
          "Where documents are parsed and OCRed: process (in supervised child JVMs) or none (in"
              + " the node's JVM) (default: ${DEFAULT-VALUE}).",
      defaultValue = "process")
  String isolation;

  @Option(
      names = "--job-lease",
      description =
          "How long an API node holds a job it dispatched between renewals; the jobs of a node"
              + " that stops renewing are queued again after it (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  String jobLease;

  @Option(
      names = "--worker-heap",
      description =
          "Heap of each extraction child JVM (default: 1g for each document it works on at"
              + " once).")
  String workerHeap;

  @Option(
      names = "--worker-processes",
      description =
          "Extraction child JVMs at most (default: enough for one document per CPU core).")
  String workerProcesses;

  @Option(
      names = "--worker-threads",
      description =
          "Documents each extraction child JVM works on at once; they share its warmed-up"
              + " compiler, and a child that crashes costs them a retry each, alone (default:"
              + " the number of CPU cores, at most 4).")
  String workerThreads;

  @Option(
      names = "--extraction-jvm-option",
      split = "\\s+",
      description =
          "Options for each extraction child JVM, after the node's own, e.g. -XX:+UseSerialGC;"
              + " repeatable, or several separated by spaces (default: none).")
  List<String> extractionJvmOptions;

  @Option(
      names = "--gpu",
      description =
          "Preprocess pages (deskew, binarisation) on NVIDIA GPUs through CUDA: auto (when the"
              + " node has a usable GPU), on (refuse to start without one) or off"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "auto")
  String gpu;

  /**
   * @param pagesPerJob how the submitting side cuts PDFs into grid jobs (not a worker's concern)
   */
  NodeConfig.JobsConfig toConfig(List<String> problems, int pagesPerJob) {
    var timeout = Durations.parse(jobTimeout);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      problems.add(
          setting("--job-timeout")
              + " must be a positive duration such as 10m, got '"
              + jobTimeout
              + "'");
    }
    NodeConfig.Isolation isolationMode =
        switch (isolation == null ? "" : isolation.trim().toLowerCase(Locale.ROOT)) {
          case "process" -> NodeConfig.Isolation.PROCESS;
          case "none" -> NodeConfig.Isolation.NONE;
          default -> {
            problems.add(
                setting("--isolation") + " must be process or none, got '" + isolation + "'");
            yield NodeConfig.Isolation.PROCESS;
          }
        };
    int cores = Runtime.getRuntime().availableProcessors();
    int threads =
        workerThreads == null || workerThreads.isBlank()
            ? Math.min(cores, 4)
            : Numbers.inRange(problems, "--worker-threads", workerThreads, 1, 64);
    int children =
        workerProcesses == null || workerProcesses.isBlank()
            ? (cores + threads - 1) / threads
            : Numbers.inRange(problems, "--worker-processes", workerProcesses, 1, 256);
    String heap =
        workerHeap == null || workerHeap.isBlank() ? Math.max(1, threads) + "g" : workerHeap;
    if (!heap.matches("\\d{1,6}[mMgG]")) {
      problems.add(
          setting("--worker-heap")
              + " must be a JVM heap size such as 512m or 2g, got '"
              + heap
              + "'");
    }
    var perPage = Durations.parse(pageTimeout);
    if (perPage == null || perPage.isNegative() || perPage.isZero()) {
      problems.add(
          setting("--page-timeout")
              + " must be a positive duration such as 2m, got '"
              + pageTimeout
              + "'");
    }
    var grace = Durations.parse(shutdownGrace);
    if (grace == null || grace.isNegative()) {
      problems.add(
          setting("--shutdown-grace")
              + " must be a duration such as 30s, got '"
              + shutdownGrace
              + "'");
    }
    var lease = Durations.parse(jobLease);
    if (lease == null || lease.compareTo(java.time.Duration.ofSeconds(3)) < 0) {
      problems.add(
          setting("--job-lease") + " must be a duration of at least 3s, got '" + jobLease + "'");
    }
    GpuMode gpuMode =
        switch (gpu == null ? "" : gpu.trim().toLowerCase(Locale.ROOT)) {
          case "auto" -> GpuMode.AUTO;
          case "on" -> GpuMode.ON;
          case "off" -> GpuMode.OFF;
          default -> {
            problems.add(setting("--gpu") + " must be auto, on or off, got '" + gpu + "'");
            yield GpuMode.AUTO;
          }
        };
    return new NodeConfig.JobsConfig(
        timeout,
        grace,
        pagesPerJob,
        perPage,
        isolationMode,
        heap,
        children,
        threads,
        extractionJvmOptions == null
            ? List.of()
            : extractionJvmOptions.stream().filter(option -> !option.isBlank()).toList(),
        lease,
        gpuMode);
  }
}
