package io.docgrid.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * H2's online backup: a zip of the database files that is transactionally consistent (H2 copies
 * them under its MVCC snapshot) and is taken while the database serves, without blocking writers.
 */
public final class H2Backup {

  private H2Backup() {}

  /** Writes the database {@code connection} is open on to {@code zip}, replacing it if present. */
  public static void write(Connection connection, Path zip) throws SQLException {
    // BACKUP TO takes a literal only, no parameter; the path is ours, quotes are doubled anyway.
    String file = zip.toAbsolutePath().toString().replace("'", "''");
    try (Statement statement = connection.createStatement()) {
      statement.execute("BACKUP TO '" + file + "'");
    }
  }
}
