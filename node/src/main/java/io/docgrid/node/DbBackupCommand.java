package io.docgrid.node;

import io.docgrid.api.cluster.DatabaseBackupRoutes;
import io.docgrid.node.admin.ConnectionOptions;
import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.DatabaseOptions;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.sql.H2Backup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code docgrid db backup --to FILE}: a consistent zip of the embedded database, also while a node
 * serves. A running node holds H2's files, so the backup then goes through its admin API; with no
 * node running it is taken from the files directly.
 */
@Command(
    name = "backup",
    description = {
      "Write a consistent zip of the embedded H2 database, while a node serves or not.",
      "With a node running on --data-dir, the backup goes through its API (--url, an admin key"
          + " from DOCGRID_API_KEY or --api-key-file); otherwise it reads the files directly."
          + " PostgreSQL is backed up with pgBackRest instead (docs/runbook.md)."
    },
    mixinStandardHelpOptions = true)
final class DbBackupCommand implements Callable<Integer> {

  static final String POSTGRESQL_REFUSAL =
      "db backup covers the embedded H2 database only; back PostgreSQL up with pgBackRest"
          + " (docs/runbook.md, \"Backup and restore\")";

  @Mixin DatabaseOptions database;
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--to",
      paramLabel = "FILE",
      required = true,
      description = "The zip to write; replaced if it exists.")
  Path to;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    NodeConfig.DbConfig db = DbCommand.config(database);
    if (!db.embedded()) {
      throw new CommandFailure(CommandFailure.USAGE, POSTGRESQL_REFUSAL);
    }
    EmbeddedDatabase embedded = new EmbeddedDatabase(database.dataDir());
    // Written beside the target and moved into place whole, so FILE is never half a backup.
    Path partial = to.toAbsolutePath().resolveSibling(to.getFileName() + ".partial");
    String how;
    try {
      if (embedded.availability() == EmbeddedDatabase.Availability.FREE) {
        backUpDirectly(embedded, partial);
        how = "from " + embedded.directory() + " (no node was running)";
      } else {
        // In use, or not on this host: the node at --url has it.
        connection.connect().postAndSave(DatabaseBackupRoutes.BACKUP_PATH, partial);
        how = "through the running node";
      }
      Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Backed up the database " + how + " to " + to + " (" + Files.size(to) + " bytes).");
      out.flush();
      return 0;
    } catch (IOException e) {
      throw new CommandFailure(
          CommandFailure.FAILED, "cannot write " + to + ": " + CommandFailure.rootMessage(e));
    } finally {
      deleteQuietly(partial);
    }
  }

  private static void backUpDirectly(EmbeddedDatabase embedded, Path zip) {
    try (Connection connection = embedded.open()) {
      H2Backup.write(connection, zip);
    } catch (SQLException e) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          "could not back up the database in "
              + embedded.directory()
              + ": "
              + CommandFailure.rootMessage(e));
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Only a leftover .partial file; the outcome is already decided.
    }
  }
}
