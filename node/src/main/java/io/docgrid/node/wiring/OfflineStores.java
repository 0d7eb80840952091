package io.docgrid.node.wiring;

import io.docgrid.node.config.BlobLocationOptions;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.sql.Database;
import io.docgrid.tasks.blob.BlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The database and the blob store opened by a command with no node running, closed together.
 * Opening the database applies pending migrations, as a node's start would.
 */
public final class OfflineStores implements AutoCloseable {

  /** H2's error code when another process holds the database file (a node running on it). */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  /** The embedded database is open in another process, which H2 does not allow. */
  public static final class DatabaseInUseException extends RuntimeException {
    DatabaseInUseException(Throwable cause) {
      super("the embedded database is in use by another process", cause);
    }
  }

  private final Database database;
  private final BlobStore blobs;
  private final Deque<AutoCloseable> resources;

  private OfflineStores(Database database, BlobStore blobs, Deque<AutoCloseable> resources) {
    this.database = database;
    this.blobs = blobs;
    this.resources = resources;
  }

  /**
   * @throws DatabaseInUseException if a running node holds the embedded database
   */
  public static OfflineStores open(
      Path dataDir, NodeConfig.DbConfig db, BlobLocationOptions.Location location)
      throws IOException {
    Database database = openDatabase(dataDir, db);
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    resources.push(database);
    try {
      BlobStore blobs = BlobStores.open(location.store(), location.blobDir(), resources::push);
      return new OfflineStores(database, blobs, resources);
    } catch (IOException | RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The database, migrated; for a command that needs nothing else. */
  static Database openDatabase(Path dataDir, NodeConfig.DbConfig db) {
    try {
      return new Database(Wiring.databaseSettings(dataDir, db));
    } catch (RuntimeException e) {
      if (db.embedded() && heldByAnotherProcess(e)) {
        throw new DatabaseInUseException(e);
      }
      throw e;
    }
  }

  public Database database() {
    return database;
  }

  public BlobStore blobs() {
    return blobs;
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception ignored) {
        // Reading is done; a store that does not close cleanly changes nothing of the outcome.
      }
    }
  }

  private static boolean heldByAnotherProcess(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
