package io.docgrid.node;

import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.DatabaseOptions;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.wiring.Wiring;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.Migrations;
import io.docgrid.sql.Migrations.Migration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code docgrid db}: the schema on its own, for operators who migrate before they roll out nodes
 * (every node also migrates at start).
 */
@Command(
    name = "db",
    description =
        "Apply the schema migrations, show where the database stands, back up and restore the"
            + " embedded database, or check the blob store against the jobs.",
    mixinStandardHelpOptions = true,
    subcommands = {
      DbCommand.Migrate.class,
      DbCommand.Info.class,
      DbBackupCommand.class,
      DbRestoreCommand.class,
      DbVerifyBlobsCommand.class
    })
final class DbCommand {

  private static final String PENDING = "Pending";

  @Command(
      name = "migrate",
      description =
          "Apply every pending migration to the database, as a node's start would, and list them"
              + " all. Takes the same database options as serve.",
      mixinStandardHelpOptions = true)
  static final class Migrate implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DatabaseSettings settings = settings(database);
      long pending =
          run("read the schema history of", () -> Migrations.info(settings)).stream()
              .filter(DbCommand::pending)
              .count();
      List<Migration> migrations = run("migrate", () -> Migrations.migrate(settings));
      PrintWriter out = spec.commandLine().getOut();
      print(out, migrations);
      out.println(
          pending == 0
              ? "The schema was up to date."
              : "Applied " + pending + (pending == 1 ? " migration." : " migrations."));
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "info",
      description =
          "List every migration and whether the database has it; changes nothing. Exit code 3"
              + " when migrations are pending.",
      mixinStandardHelpOptions = true)
  static final class Info implements Callable<Integer> {
    static final int PENDING_EXIT_CODE = 3;

    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<Migration> migrations =
          run("read the schema history of", () -> Migrations.info(settings(database)));
      PrintWriter out = spec.commandLine().getOut();
      print(out, migrations);
      long pending = migrations.stream().filter(DbCommand::pending).count();
      out.println(
          pending == 0
              ? "The schema is up to date."
              : pending + (pending == 1 ? " migration is" : " migrations are") + " pending.");
      out.flush();
      return pending == 0 ? 0 : PENDING_EXIT_CODE;
    }
  }

  private static boolean pending(Migration migration) {
    return PENDING.equals(migration.state());
  }

  /** The database the options name, or a {@link ConfigException} listing what is wrong. */
  static NodeConfig.DbConfig config(DatabaseOptions database) {
    List<String> problems = new ArrayList<>();
    NodeConfig.DbConfig db = database.toConfig(problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return db;
  }

  private static DatabaseSettings settings(DatabaseOptions database) {
    NodeConfig.DbConfig db = config(database);
    if (db.embedded()) {
      try {
        Files.createDirectories(database.dataDir());
      } catch (IOException e) {
        throw new CommandFailure(
            CommandFailure.FAILED, "cannot create the data directory " + database.dataDir());
      }
    }
    return Wiring.databaseSettings(database.dataDir(), db);
  }

  private static void print(PrintWriter out, List<Migration> migrations) {
    out.printf("%-8s %-40s %-10s %s%n", "VERSION", "DESCRIPTION", "STATE", "INSTALLED");
    for (Migration migration : migrations) {
      out.printf(
          "%-8s %-40s %-10s %s%n",
          migration.version(),
          migration.description(),
          migration.state(),
          migration.installedOn() == null ? "-" : migration.installedOn());
    }
  }

  /** Database failures become one line; the URL's password is never part of Flyway's messages. */
  private static <T> T run(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          "could not " + what + " the database: " + CommandFailure.rootMessage(e));
    }
  }
}
