package io.docgrid.node.admin;

import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code docgrid admin nodes drain ID}: {@code POST /api/v1/cluster/nodes/{id}/drain}. */
@Command(
    name = "drain",
    description = {
      "Drain a compute node: it takes no new grid jobs at once. A worker leaves the cluster (and"
          + " its process exits 0) when its running jobs are done; a serve node stops computing"
          + " and keeps serving the API. Repeating it is harmless."
    },
    mixinStandardHelpOptions = true)
final class DrainNodeCommand implements Callable<Integer> {

  @Mixin ServerOptions server;

  @Parameters(
      paramLabel = "NODE-ID",
      description = "The node's id, as 'admin cluster status' shows it.")
  UUID id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiClient.Answer drained =
        server.connect().post(ClusterStatusCommand.PATH + "/nodes/" + id + "/drain");
    server
        .output()
        .print(
            spec.commandLine().getOut(),
            drained,
            node ->
                "Draining node "
                    + node.path("id").asText()
                    + " ("
                    + node.path("name").asText()
                    + "): it takes no new grid jobs; "
                    + node.path("jobsRunning").asInt()
                    + " running, "
                    + node.path("jobsWaiting").asInt()
                    + " waiting.");
    return 0;
  }
}
