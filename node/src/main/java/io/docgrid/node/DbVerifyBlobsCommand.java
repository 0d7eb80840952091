package io.docgrid.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.docgrid.node.admin.Table;
import io.docgrid.node.blobs.BlobProblem;
import io.docgrid.node.blobs.BlobReport;
import io.docgrid.node.blobs.BlobVerifier;
import io.docgrid.node.config.BlobLocationOptions;
import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.DatabaseOptions;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.wiring.OfflineStores;
import io.docgrid.sql.StoredBlobsRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code docgrid db verify-blobs}: after a restore of the database or the blob store, the jobs
 * whose document or result the blob store does not hold as they recorded it.
 */
@Command(
    name = "verify-blobs",
    description = {
      "List the jobs whose document or result is missing from the blob store, or whose stored"
          + " bytes do not have the SHA-256 the job recorded, as after restoring the database or"
          + " the blob store from a backup. Reads only (it applies pending migrations, as a node's"
          + " start would). Takes the database and blob store options of serve; the embedded"
          + " database only with its node stopped.",
      "Exit code 0 when every blob matches, 4 when some do not, 1 when the check could not run."
    },
    mixinStandardHelpOptions = true)
final class DbVerifyBlobsCommand implements Callable<Integer> {

  static final int MISMATCH_EXIT_CODE = 4;

  @Mixin DatabaseOptions database;
  @Mixin BlobLocationOptions blobs;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    NodeConfig.DbConfig db = database.toConfig(problems);
    BlobLocationOptions.Location location = blobs.toConfig(problems, database.dataDir());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    if (db.embedded()
        && new EmbeddedDatabase(database.dataDir()).availability()
            == EmbeddedDatabase.Availability.ABSENT) {
      throw new CommandFailure(
          CommandFailure.FAILED, "there is no database in " + database.dataDir().toAbsolutePath());
    }
    BlobReport report = verify(db, location);
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? asJson(report) : asTable(report));
    out.flush();
    return report.allMatch() ? 0 : MISMATCH_EXIT_CODE;
  }

  private BlobReport verify(NodeConfig.DbConfig db, BlobLocationOptions.Location location) {
    try (OfflineStores stores = OfflineStores.open(database.dataDir(), db, location)) {
      return new BlobVerifier(
              new StoredBlobsRepository(stores.database().dsl()),
              stores.blobs(),
              new ObjectMapper())
          .verify();
    } catch (OfflineStores.DatabaseInUseException e) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          "the embedded database in "
              + database.dataDir().toAbsolutePath()
              + " is in use by a running node; stop the node and run this again");
    } catch (IOException | RuntimeException e) {
      throw new CommandFailure(
          CommandFailure.FAILED, "could not verify the blobs: " + CommandFailure.rootMessage(e));
    }
  }

  private static String asTable(BlobReport report) {
    StringBuilder text = new StringBuilder();
    if (!report.allMatch()) {
      Table table = new Table("JOB", "STATUS", "BLOB", "PROBLEM", "EXPECTED SHA-256", "FOUND");
      for (BlobProblem problem : report.problems()) {
        table.row(
            problem.jobId().toString(),
            problem.status().wireName(),
            problem.blob(),
            problem.problem().label(),
            orDash(problem.expectedSha256()),
            orDash(problem.actualSha256()));
      }
      text.append(table.render()).append(System.lineSeparator());
    }
    long jobs = report.problems().stream().map(BlobProblem::jobId).distinct().count();
    text.append(
        report.allMatch()
            ? "All blobs of " + report.jobsChecked() + " jobs match."
            : jobs + " of " + report.jobsChecked() + " jobs have blobs that do not match.");
    return text.toString();
  }

  private static String asJson(BlobReport report) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(
              new JsonReport(
                  report.jobsChecked(),
                  report.problems().stream()
                      .map(
                          problem ->
                              new JsonProblem(
                                  problem.jobId().toString(),
                                  problem.status().wireName(),
                                  problem.blob(),
                                  problem.problem().label(),
                                  problem.expectedSha256(),
                                  problem.actualSha256()))
                      .toList()));
    } catch (IOException e) {
      throw new IllegalStateException("a report of strings always serialises", e);
    }
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }

  /** The JSON report: stable field names for scripts. */
  record JsonReport(long jobsChecked, List<JsonProblem> problems) {}

  record JsonProblem(
      String jobId,
      String status,
      String blob,
      String problem,
      String expectedSha256,
      String actualSha256) {}
}
