package io.docgrid.node;

import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.config.ServeOptions;
import io.docgrid.node.wiring.RunningNode;
import io.docgrid.node.wiring.Wiring;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin ServeOptions options;

  @Override
  public Integer call() throws Exception {
    NodeConfig config = options.toConfig(); // throws ConfigException: exit code 2
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
    // Logged rather than printed: in JSON format every line on the console is a JSON object.
    log.atInfo()
        .addKeyValue("event", "node.ready")
        .log(
            "DocGrid {} listening on http://{}:{}/api/v1 (data in {})",
            Version.current(),
            config.api().host(),
            node.apiPort(),
            config.dataDir().toAbsolutePath());
    node.adminKeyFile()
        .ifPresent(
            file ->
                log.atInfo()
                    .addKeyValue("event", "admin_key.created")
                    .log(
                        "Created the first admin key: it is in {} (shown nowhere else)",
                        file.toAbsolutePath()));
    stopped.await();
    return 0;
  }
}
