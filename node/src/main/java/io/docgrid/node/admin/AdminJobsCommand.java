package io.docgrid.node.admin;

import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code docgrid admin jobs}: every tenant's jobs, through a running node. */
@Command(
    name = "jobs",
    description = "List, show, cancel and retry jobs of every tenant on a running cluster.",
    mixinStandardHelpOptions = true,
    subcommands = {
      AdminJobsCommand.List.class,
      AdminJobsCommand.Show.class,
      AdminJobsCommand.Cancel.class,
      AdminJobsCommand.Retry.class
    })
final class AdminJobsCommand {

  static final String PATH = "/api/v1/jobs";

  @Command(name = "list", description = "Jobs, newest first.", mixinStandardHelpOptions = true)
  static final class List implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Option(
        names = "--limit",
        description = "1 to 100 (default: ${DEFAULT-VALUE}).",
        defaultValue = "20")
    int limit;

    @Option(names = "--cursor", description = "Where the previous page ended (its --cursor hint).")
    String cursor;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      String query =
          "?limit="
              + limit
              + (cursor == null
                  ? ""
                  : "&cursor="
                      + java.net.URLEncoder.encode(
                          cursor, java.nio.charset.StandardCharsets.UTF_8));
      ApiClient.Answer page = server.connect().get(PATH + query);
      server.output().print(spec.commandLine().getOut(), page, JobText::list);
      return 0;
    }
  }

  @Command(name = "show", description = "One job.", mixinStandardHelpOptions = true)
  static final class Show implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The job's id.")
    UUID id;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ApiClient.Answer job = server.connect().get(PATH + "/" + id);
      server.output().print(spec.commandLine().getOut(), job, JobText::details);
      return 0;
    }
  }

  @Command(
      name = "cancel",
      description =
          "Cancel a queued or running job; on a finished job, delete its document and result.",
      mixinStandardHelpOptions = true)
  static final class Cancel implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The job's id.")
    UUID id;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ApiClient.Answer job = server.connect().delete(PATH + "/" + id);
      server.output().print(spec.commandLine().getOut(), job, JobText::details);
      return 0;
    }
  }

  @Command(
      name = "retry",
      description = "Queue a failed or cancelled job again, under the same id.",
      mixinStandardHelpOptions = true)
  static final class Retry implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The job's id.")
    UUID id;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ApiClient.Answer job = server.connect().post(PATH + "/" + id + "/retry");
      server.output().print(spec.commandLine().getOut(), job, JobText::details);
      return 0;
    }
  }
}
