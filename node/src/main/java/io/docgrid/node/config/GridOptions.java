package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a node joins the grid. The defaults make every node on one host find the others with no flags
 * at all: each binds the first free port of the same ranges on 127.0.0.1 and looks for peers on the
 * whole discovery range. Across hosts, peers are found on {@code --seeds}, by multicast or through
 * the Kubernetes API ({@code --discovery}).
 */
public final class GridOptions {

  static final String DEFAULT_MULTICAST_GROUP = "228.10.10.157";

  private static final Pattern SEED =
      Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(\\.\\.\\d{1,5})?");

  @Option(names = "--node-name", description = "Name of this grid node (default: generated).")
  String nodeName;

  @Option(
      names = "--bind-address",
      description =
          "Address the grid binds for discovery and communication (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String bindAddress;

  @Option(
      names = "--discovery-port",
      description = "First grid discovery port (default: ${DEFAULT-VALUE}).",
      defaultValue = "47500")
  String discoveryPort;

  @Option(
      names = "--discovery-port-range",
      description =
          "How many discovery ports from the first may be used (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  String discoveryPortRange;

  @Option(
      names = "--communication-port",
      description = "First grid communication port (default: ${DEFAULT-VALUE}).",
      defaultValue = "47100")
  String communicationPort;

  @Option(
      names = "--seeds",
      split = ",",
      description =
          "Addresses where peers are found, host:port or host:from..to (default: the discovery ports on the bind address).")
  List<String> seeds;

  @Option(
      names = "--discovery",
      description =
          "How peers are found: static (--seeds), multicast (--multicast-group) or kubernetes"
              + " (--k8s-service) (default: ${DEFAULT-VALUE}).",
      defaultValue = "static")
  String discovery;

  @Option(
      names = "--multicast-group",
      description =
          "Multicast group of --discovery multicast (default: " + DEFAULT_MULTICAST_GROUP + ").")
  String multicastGroup;

  @Option(
      names = "--k8s-namespace",
      description = "Namespace of the service of --discovery kubernetes (default: default).")
  String k8sNamespace;

  @Option(
      names = "--k8s-service",
      description =
          "Headless service whose endpoints are the grid's pods, for --discovery kubernetes.")
  String k8sService;

  @Option(
      names = "--k8s-master-url",
      description =
          "Kubernetes API server (default: https://kubernetes.default.svc.cluster.local:443).")
  String k8sMasterUrl;

  @Option(
      names = "--k8s-account-token-file",
      description =
          "Service account token for the Kubernetes API (default:"
              + " /var/run/secrets/kubernetes.io/serviceaccount/token).")
  Path k8sAccountTokenFile;

  @Option(
      names = "--join-timeout",
      description =
          "How long to keep trying to join peers that do not answer or refuse the connection"
              + " before giving up and exiting; 0 tries for ever (default: ${DEFAULT-VALUE}).",
      defaultValue = "60s")
  String joinTimeout;

  // Made by Main's factory, which hands it the environment (store passwords).
  @Mixin GridTlsOptions tls;

  @Option(
      names = "--grid-memory",
      description = "Off-heap memory for the grid's data region (default: ${DEFAULT-VALUE}).",
      defaultValue = "256MB")
  String gridMemory;

  @Option(
      names = "--result-cache-memory",
      description =
          "Off-heap memory for the result cache's data region, evicting the least recently used"
              + " entries when full; the same on every server node (default: ${DEFAULT-VALUE}).",
      defaultValue = "256MB")
  String resultCacheMemory;

  NodeConfig.GridConfig toConfig(List<String> problems, boolean compute) {
    int firstPort = Numbers.port(problems, "--discovery-port", discoveryPort, false);
    int range = Numbers.inRange(problems, "--discovery-port-range", discoveryPortRange, 1, 100);
    int communication = Numbers.port(problems, "--communication-port", communicationPort, false);
    Discovery finder = discovery(problems, firstPort, range);
    long region = ByteSize.parse(gridMemory);
    if (region < 32L << 20) {
      problems.add(
          setting("--grid-memory") + " must be a size of at least 32MB, got '" + gridMemory + "'");
    }
    long resultCacheRegion = ByteSize.parse(resultCacheMemory);
    if (resultCacheRegion < 16L << 20) {
      problems.add(
          setting("--result-cache-memory")
              + " must be a size of at least 16MB, got '"
              + resultCacheMemory
              + "'");
    }
    String name =
        nodeName == null || nodeName.isBlank()
            ? "docgrid-" + UUID.randomUUID().toString().substring(0, 8)
            : nodeName.trim();
    Duration join = "0".equals(joinTimeout.trim()) ? Duration.ZERO : Durations.parse(joinTimeout);
    if (join == null || join.isNegative()) {
      problems.add(
          setting("--join-timeout")
              + " must be a duration such as 60s (0 for ever), got '"
              + joinTimeout
              + "'");
      join = Duration.ZERO;
    }
    return new NodeConfig.GridConfig(
        name,
        bindAddress,
        firstPort,
        range,
        communication,
        finder,
        compute,
        region,
        resultCacheRegion,
        tls.toConfig(problems),
        join);
  }

  private Discovery discovery(List<String> problems, int firstPort, int range) {
    String kind = discovery == null ? "static" : discovery.trim().toLowerCase(Locale.ROOT);
    boolean k8sOptions =
        k8sNamespace != null
            || k8sService != null
            || k8sMasterUrl != null
            || k8sAccountTokenFile != null;
    if (!"kubernetes".equals(kind) && k8sOptions) {
      problems.add(
          "--k8s-namespace, --k8s-service, --k8s-master-url and --k8s-account-token-file apply to"
              + " --discovery kubernetes only");
    }
    if (!"multicast".equals(kind) && multicastGroup != null) {
      problems.add(setting("--multicast-group") + " applies to --discovery multicast only");
    }
    boolean seedsGiven = seeds != null && !seeds.isEmpty();
    if (!"static".equals(kind) && seedsGiven) {
      problems.add(
          setting("--seeds")
              + " applies to --discovery static only; with --discovery "
              + kind
              + " the peers are found without it");
    }
    switch (kind) {
      case "static":
        return staticSeeds(problems, firstPort, range);
      case "multicast":
        return multicast(problems);
      case "kubernetes":
        return kubernetes(problems);
      default:
        problems.add(
            setting("--discovery")
                + " must be static, multicast or kubernetes, got '"
                + discovery
                + "'");
        return new Discovery.Static(List.of());
    }
  }

  private Discovery staticSeeds(List<String> problems, int firstPort, int range) {
    List<String> seedList =
        seeds == null || seeds.isEmpty()
            ? List.of(bindAddress + ":" + firstPort + ".." + (firstPort + Math.max(range, 1) - 1))
            : seeds.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String seed : seedList) {
      if (!SEED.matcher(seed).matches()) {
        problems.add(
            setting("--seeds") + " entries must be host:port or host:from..to, got '" + seed + "'");
      }
    }
    return new Discovery.Static(seedList);
  }

  private Discovery multicast(List<String> problems) {
    String group = multicastGroup == null ? DEFAULT_MULTICAST_GROUP : multicastGroup.trim();
    if (!isIpv4Multicast(group)) {
      problems.add(
          setting("--multicast-group")
              + " must be an IPv4 multicast address"
              + " (224.0.0.0 to 239.255.255.255), got '"
              + group
              + "'");
    }
    return new Discovery.Multicast(group);
  }

  private Discovery kubernetes(List<String> problems) {
    if (k8sService == null || k8sService.isBlank()) {
      problems.add(
          "--discovery kubernetes needs "
              + setting("--k8s-service")
              + ", the headless service"
              + " in front of the grid's pods");
    }
    if (k8sMasterUrl != null && !k8sMasterUrl.trim().matches("https?://[^\\s/]+(/.*)?")) {
      problems.add(
          setting("--k8s-master-url") + " must be an http(s) URL, got '" + k8sMasterUrl + "'");
    }
    if (k8sAccountTokenFile != null && !Files.isReadable(k8sAccountTokenFile)) {
      problems.add(setting("--k8s-account-token-file") + " cannot be read: " + k8sAccountTokenFile);
    }
    return new Discovery.Kubernetes(
        k8sNamespace == null || k8sNamespace.isBlank() ? "default" : k8sNamespace.trim(),
        k8sService == null ? null : k8sService.trim(),
        k8sMasterUrl == null ? null : k8sMasterUrl.trim(),
        k8sAccountTokenFile);
  }

  private static boolean isIpv4Multicast(String group) {
    if (!group.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return false;
    }
    try {
      return InetAddress.getByName(group).isMulticastAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
