package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How an API node uses the result cache; its memory is a grid option ({@link GridOptions}). */
public final class ResultCacheOptions {

  @Option(
      names = "--result-cache",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Reuse results of identical documents with identical options (default: ${DEFAULT-VALUE});"
              + " --no-result-cache computes every job.")
  boolean enabled;

  @Option(
      names = "--result-cache-ttl",
      description =
          "How long a cached result lives after it was stored; 0 disables the cache (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "7d")
  String ttl;

  @Option(
      names = "--result-cache-near-bytes",
      description =
          "Heap this node keeps recently used cached results in (default: ${DEFAULT-VALUE}).",
      defaultValue = "32MB")
  String nearBytes;

  NodeConfig.ResultCacheConfig toConfig(List<String> problems) {
    Duration duration =
        ttl != null && ttl.trim().equals("0") ? Duration.ZERO : Durations.parse(ttl);
    if (duration == null || duration.isNegative()) {
      problems.add(
          setting("--result-cache-ttl")
              + " must be a duration such as 7d, or 0, got '"
              + ttl
              + "'");
    }
    long near = ByteSize.parse(nearBytes);
    if (near < 0) {
      problems.add(
          setting("--result-cache-near-bytes")
              + " must be a size such as"
              + " 32MB, got '"
              + nearBytes
              + "'");
    }
    if (!problems.isEmpty() || !enabled || duration.isZero()) {
      return NodeConfig.ResultCacheConfig.disabled();
    }
    return new NodeConfig.ResultCacheConfig(true, duration, near);
  }
}
