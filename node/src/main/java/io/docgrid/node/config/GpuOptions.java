package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --gpu}: whether a compute node preprocesses pages on its NVIDIA GPUs. */
public final class GpuOptions {

  @Option(
      names = "--gpu",
      description =
          "Preprocess pages (deskew, binarisation) on NVIDIA GPUs through CUDA: auto (when the"
              + " node has a usable GPU), on (refuse to start without one) or off"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "auto")
  String gpu;

  public GpuMode toMode() {
    return switch (gpu == null ? "" : gpu.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> GpuMode.AUTO;
      case "on" -> GpuMode.ON;
      case "off" -> GpuMode.OFF;
      default ->
          throw new ConfigException(
              List.of(setting("--gpu") + " must be auto, on or off, got '" + gpu + "'"));
    };
  }
}
