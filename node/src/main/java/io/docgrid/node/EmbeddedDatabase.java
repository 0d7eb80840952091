package io.docgrid.node;

import io.docgrid.node.config.CommandFailure;
import io.docgrid.sql.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.api.ErrorCode;

/** The embedded H2 database of one data directory, seen from outside the node that serves it. */
final class EmbeddedDatabase {

  /** Whether this process can open the database. */
  enum Availability {
    /** No database files in the data directory. */
    ABSENT,
    /** A running node holds the files; H2 lets only one process open them. */
    IN_USE,
    FREE
  }

  private final Path dataDir;

  EmbeddedDatabase(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** The folder H2's files live in. */
  Path directory() {
    return dataDir.resolve("db");
  }

  Availability availability() {
    try (Connection connection = open()) {
      return Availability.FREE;
    } catch (SQLException e) {
      return switch (e.getErrorCode()) {
        case ErrorCode.DATABASE_ALREADY_OPEN_1 -> Availability.IN_USE;
        case ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1 -> Availability.ABSENT;
        default ->
            throw new CommandFailure(
                CommandFailure.FAILED,
                "cannot open the database in "
                    + directory()
                    + ": "
                    + CommandFailure.rootMessage(e));
      };
    }
  }

  /** A connection to the existing database; never creates one. */
  Connection open() throws SQLException {
    DatabaseSettings settings = DatabaseSettings.embedded(dataDir);
    return DriverManager.getConnection(
        settings.jdbcUrl() + ";IFEXISTS=TRUE", settings.user(), settings.password());
  }
}
