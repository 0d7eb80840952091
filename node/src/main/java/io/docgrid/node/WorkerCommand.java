package io.docgrid.node;

import io.docgrid.node.config.WorkerConfig;
import io.docgrid.node.config.WorkerOptions;
import io.docgrid.node.wiring.RunningWorker;
import io.docgrid.node.wiring.WorkerWiring;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  @Mixin WorkerOptions options;

  @Override
  public Integer call() throws Exception {
    WorkerConfig config = options.toConfig(); // throws ConfigException: exit code 2
    RunningWorker worker = new WorkerWiring(config).start();
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "docgrid-shutdown"));
    // Logged rather than printed: in JSON format every line on the console is a JSON object.
    log.atInfo()
        .addKeyValue("event", "node.ready")
        .log(
            "DocGrid {} worker {} running; status on http://{}:{}/api/v1/health",
            Version.current(),
            config.grid().nodeName(),
            config.statusHost(),
            worker.statusPort());
    // Returns after SIGTERM, or once the worker was drained and has left the grid: exit code 0.
    worker.awaitStopped();
    return 0;
  }
}
