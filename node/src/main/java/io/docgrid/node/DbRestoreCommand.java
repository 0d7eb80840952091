package io.docgrid.node;

import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.DatabaseOptions;
import io.docgrid.sql.DatabaseSettings;
import io.docgrid.sql.Migrations;
import io.docgrid.sql.Migrations.Migration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.h2.tools.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code docgrid db restore --from FILE}: puts a {@code db backup} zip in place of the embedded
 * database, with every node on the data directory stopped. The backup is unpacked and checked aside
 * first; only then is the current database moved to {@code db.before-restore-<time>}.
 */
@Command(
    name = "restore",
    description = {
      "Replace the embedded H2 database of --data-dir with a zip from `db backup`.",
      "Stop every node on the data directory first. The current database is kept in"
          + " <data-dir>/db.before-restore-<time>."
    },
    mixinStandardHelpOptions = true)
final class DbRestoreCommand implements Callable<Integer> {

  private static final String H2_DATABASE_NAME = "docgrid";
  private static final Set<String> USABLE_STATES = Set.of("Success", "Pending");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Mixin DatabaseOptions database;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      required = true,
      description = "The zip `docgrid db backup` wrote.")
  Path from;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!DbCommand.config(database).embedded()) {
      throw new CommandFailure(
          CommandFailure.USAGE,
          "db restore covers the embedded H2 database only; restore PostgreSQL with pgBackRest"
              + " (docs/runbook.md, \"Backup and restore\")");
    }
    if (!Files.isReadable(from)) {
      throw new CommandFailure(CommandFailure.USAGE, "cannot read " + from);
    }
    Path dataDir = database.dataDir().toAbsolutePath();
    EmbeddedDatabase current = new EmbeddedDatabase(dataDir);
    if (current.availability() == EmbeddedDatabase.Availability.IN_USE) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          "a running node holds the database in "
              + current.directory()
              + "; stop every node on "
              + dataDir
              + " first");
    }
    String stamp = STAMP.format(Instant.now());
    Path staging = dataDir.resolve("restoring-" + stamp);
    try {
      Path stagedDatabase = unpackAndCheck(staging);
      Path kept = dataDir.resolve("db.before-restore-" + stamp);
      boolean hadDatabase = Files.exists(current.directory());
      if (hadDatabase) {
        Files.move(current.directory(), kept);
      }
      Files.move(stagedDatabase, current.directory());
      PrintWriter out = spec.commandLine().getOut();
      out.println("Restored " + from + " into " + current.directory() + ".");
      if (hadDatabase) {
        out.println("The database it replaced is kept in " + kept + ".");
      }
      out.flush();
      return 0;
    } catch (IOException e) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          "could not restore " + from + ": " + CommandFailure.rootMessage(e));
    } finally {
      deleteTree(staging);
    }
  }

  /** Unpacks the backup under {@code staging} and checks it is a DocGrid database. */
  private Path unpackAndCheck(Path staging) throws IOException {
    DatabaseSettings settings = DatabaseSettings.embedded(staging);
    Path stagedDatabase = staging.resolve("db");
    Files.createDirectories(stagedDatabase);
    try {
      Restore.execute(from.toString(), stagedDatabase.toString(), H2_DATABASE_NAME);
    } catch (RuntimeException e) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          from + " is not a backup of the embedded database: " + CommandFailure.rootMessage(e));
    }
    List<Migration> migrations;
    try {
      migrations = Migrations.info(settings);
    } catch (RuntimeException e) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          "could not read the schema history of " + from + ": " + CommandFailure.rootMessage(e));
    }
    List<Migration> unusable =
        migrations.stream().filter(m -> !USABLE_STATES.contains(m.state())).toList();
    boolean anyApplied = migrations.stream().anyMatch(m -> "Success".equals(m.state()));
    if (!anyApplied || !unusable.isEmpty()) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          from
              + " does not hold a DocGrid schema this version can run"
              + (unusable.isEmpty()
                  ? " (no migration applied)"
                  : " (migration "
                      + unusable.get(0).version()
                      + " is "
                      + unusable.get(0).state()
                      + ")"));
    }
    return stagedDatabase;
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException ignored) {
      // A leftover staging folder is harmless and named for what it is.
    }
  }
}
