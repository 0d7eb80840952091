package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.config.ServeOptions;
import io.docgrid.node.wiring.RunningNode;
import io.docgrid.node.wiring.Wiring;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code docgrid serve}: API, compute, embedded database and blob store in one process. */
@Command(
    name = "serve",
    description = {
      "Start a DocGrid node: the HTTP API, an Ignite server node that runs jobs, the database and"
          + " the blob store.",
      "Every option can also be set by its environment variable: --db-url is DOCGRID_DB_URL."
    },
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

  @Mixin ServeOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    NodeConfig config = options.toConfig(); // throws ConfigException: exit code 2
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    RunningNode node = new Wiring(config).start();
    Thread shutdown =
        new Thread(
            () -> {
              node.close();
              stopped.countDown();
            },
            "docgrid-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    out.printf(
        "DocGrid %s listening on http://%s:%d/api/v1 (data in %s)%n",
        Version.current(), config.api().host(), node.apiPort(), config.dataDir().toAbsolutePath());
    node.adminKeyFile()
        .ifPresent(
            file ->
                out.printf(
                    "Created the first admin key: it is in %s (shown nowhere else)%n",
                    file.toAbsolutePath()));
    out.flush();
    stopped.await();
    return 0;
  }
}
