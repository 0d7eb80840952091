package io.docgrid.node;

import io.docgrid.node.config.WorkerConfig;
import io.docgrid.node.config.WorkerOptions;
import io.docgrid.node.wiring.RunningWorker;
import io.docgrid.node.wiring.WorkerWiring;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code docgrid worker}: a compute-only node that joins the grid and runs document jobs. */
@Command(
    name = "worker",
    description = {
      "Start a compute-only DocGrid node: it joins the grid (on one host, a running serve with no"
          + " flags; elsewhere --seeds) and runs document jobs. No API, no database.",
      "Every option can also be set by its environment variable: --seeds is DOCGRID_SEEDS."
    },
    mixinStandardHelpOptions = true)
final class WorkerCommand implements Callable<Integer> {

  @Mixin WorkerOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    WorkerConfig config = options.toConfig(); // throws ConfigException: exit code 2
    PrintWriter out = spec.commandLine().getOut();
    RunningWorker worker = new WorkerWiring(config).start();
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "docgrid-shutdown"));
    out.printf(
        "DocGrid %s worker %s running; status on http://%s:%d/api/v1/health%n",
        Version.current(), config.grid().nodeName(), config.statusHost(), worker.statusPort());
    out.flush();
    // Returns after SIGTERM, or once the worker was drained and has left the grid: exit code 0.
    worker.awaitStopped();
    return 0;
  }
}
