package io.docgrid.node;

import io.docgrid.node.admin.AdminCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code docgrid}: the one executable of DocGrid. */
@Command(
    name = "docgrid",
    description = "DocGrid: document text extraction on an Apache Ignite grid.",
    mixinStandardHelpOptions = true,
    versionProvider = DocgridCommand.VersionProvider.class,
    subcommands = {
      ServeCommand.class,
      WorkerCommand.class,
      KeysCommand.class,
      DbCommand.class,
      AdminCommand.class,
      SubmitCommand.class,
      DocgridCommand.VersionCommand.class
    })
final class DocgridCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "version", description = "Print the version.")
  static final class VersionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("docgrid " + Version.current());
      return 0;
    }
  }

  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"docgrid " + Version.current()};
    }
  }
}
