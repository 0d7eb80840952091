package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import io.docgrid.api.outbound.OutboundAllowList;
import io.docgrid.api.webhooks.RetrySchedule;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Requests to URLs callers name: the outbound guard's allow-list, and webhook retries. */
public final class OutboundOptions {

  @Option(
      names = "--outbound-allow",
      split = ",",
      description =
          "Internal addresses, CIDR ranges or host names that webhooks and documents by URL may"
              + " reach although the"
              + " outbound guard refuses them, e.g. 10.1.0.0/16,hooks.internal (default: none)."
              + " Cloud metadata addresses stay refused.")
  List<String> allow;

  @Option(
      names = "--outbound-timeout",
      description =
          "Longest wait for a connection to, and an answer from, a webhook endpoint (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "10s")
  String timeout;

  @Option(
      names = "--url-fetch-timeout",
      description =
          "Longest time the fetch of a job's document from a URL may take, whole (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "60s")
  String urlFetchTimeout;

  @Option(
      names = "--webhook-retry-delay",
      description =
          "Delay before the first retry of a failed webhook delivery; each next one doubles it"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  String retryDelay;

  @Option(
      names = "--webhook-retry-max-delay",
      description = "Longest delay between two tries of a delivery (default: ${DEFAULT-VALUE}).",
      defaultValue = "12h")
  String retryMaxDelay;

  @Option(
      names = "--webhook-attempts",
      description =
          "Tries of a delivery before it is dead; the defaults span about three days (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "17")
  String attempts;

  @Option(
      names = "--webhook-disable-after",
      description =
          "Dead deliveries in a row that disable a webhook endpoint (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + NodeConfig.OutboundConfig.DEFAULT_DISABLE_AFTER)
  String disableAfter;

  NodeConfig.OutboundConfig toConfig(List<String> problems) {
    List<String> entries =
        allow == null
            ? List.of()
            : allow.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
    List<String> invalid =
        entries.stream().filter(e -> !OutboundAllowList.isValidEntry(e)).toList();
    if (!invalid.isEmpty()) {
      problems.add(
          setting("--outbound-allow")
              + " takes IP addresses, CIDR ranges such as 10.0.0.0/8 and host names, got "
              + invalid);
    }
    Duration connect = positive(problems, "--outbound-timeout", timeout);
    Duration fetch = positive(problems, "--url-fetch-timeout", urlFetchTimeout);
    Duration first = positive(problems, "--webhook-retry-delay", retryDelay);
    Duration max = positive(problems, "--webhook-retry-max-delay", retryMaxDelay);
    if (first != null && max != null && max.compareTo(first) < 0) {
      problems.add(
          setting("--webhook-retry-max-delay") + " must be at least --webhook-retry-delay");
    }
    int tries = Numbers.inRange(problems, "--webhook-attempts", attempts, 1, 100);
    int disable = Numbers.inRange(problems, "--webhook-disable-after", disableAfter, 1, 1000);
    if (!problems.isEmpty()) {
      return null;
    }
    return new NodeConfig.OutboundConfig(
        OutboundAllowList.of(entries),
        connect,
        new RetrySchedule(first, max, tries),
        disable,
        fetch);
  }

  private static Duration positive(List<String> problems, String flag, String text) {
    Duration duration = Durations.parse(text);
    if (duration == null || duration.isNegative() || duration.isZero()) {
      problems.add(setting(flag) + " must be a duration such as 10s or 500ms, got '" + text + "'");
      return null;
    }
    return duration;
  }
}
