package io.docgrid.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code docgrid admin cluster status}: {@code GET /api/v1/cluster}. */
@Command(
    name = "status",
    description =
        "List the server nodes (id, roles, draining or active, CPU, heap, grid jobs) and the job"
            + " queue.",
    mixinStandardHelpOptions = true)
final class ClusterStatusCommand implements Callable<Integer> {

  static final String PATH = "/api/v1/cluster";
  private static final double MIB = 1024.0 * 1024.0;

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiClient.Answer cluster = server.connect().get(PATH);
    server.output().print(spec.commandLine().getOut(), cluster, ClusterStatusCommand::text);
    return 0;
  }

  /** "-" for a CPU node, else the count and names: "2 × NVIDIA H100 80GB HBM3". */
  private static String gpus(JsonNode names) {
    if (names.size() == 0) {
      return "-";
    }
    java.util.Set<String> distinct = new java.util.LinkedHashSet<>();
    names.forEach(name -> distinct.add(name.asText()));
    return names.size() + " × " + String.join(", ", distinct);
  }

  static String text(JsonNode cluster) {
    Table table =
        new Table(
            "NODE", "NAME", "ROLES", "STATE", "CPU", "HEAP", "RUNNING", "WAITING", "DONE", "GPUS");
    for (JsonNode node : cluster.path("nodes")) {
      StringBuilder roles = new StringBuilder();
      node.path("roles")
          .forEach(role -> roles.append(roles.length() == 0 ? "" : ",").append(role.asText()));
      table.row(
          node.path("id").asText() + (node.path("local").asBoolean() ? " *" : ""),
          node.path("name").asText(),
          roles.length() == 0 ? "-" : roles.toString(),
          node.path("draining").asBoolean() ? "draining" : "active",
          String.format(Locale.ROOT, "%.0f%%", node.path("cpuLoad").asDouble() * 100),
          String.format(
              Locale.ROOT,
              "%.0f/%.0f MiB",
              node.path("heapUsedBytes").asLong() / MIB,
              node.path("heapMaxBytes").asLong() / MIB),
          node.path("jobsRunning").asText(),
          node.path("jobsWaiting").asText(),
          node.path("jobsExecuted").asText(),
          gpus(node.path("gpus")));
    }
    return table.render()
        + System.lineSeparator()
        + "Jobs queued: "
        + cluster.path("jobs").path("queued").asLong()
        + ", running: "
        + cluster.path("jobs").path("running").asLong()
        + " (* the node that answered)";
  }
}
