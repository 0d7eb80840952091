package io.docgrid.node.wiring;

import io.docgrid.api.auth.Scope;
import io.docgrid.api.auth.Tier;
import io.docgrid.api.keys.KeyIssuer;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.sql.ApiKeyRepository;
import io.docgrid.sql.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Set;

/**
 * Issues a new admin key straight into the database, with no node running: the way back in when
 * every admin key is lost. Unlike {@link FirstAdminKey} it issues one whatever keys exist already.
 */
public final class AdminKeyBootstrap {

  /** The owner the first admin key has too. */
  private static final String OWNER = "admin";

  /** H2's error code when another process holds the database file (a node running on it). */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  private AdminKeyBootstrap() {}

  /** The embedded database is open in another process, which H2 does not allow. */
  public static final class DatabaseInUseException extends RuntimeException {
    DatabaseInUseException(Throwable cause) {
      super("the embedded database is in use by another process", cause);
    }
  }

  /**
   * Migrates the database to the current schema, as a node's start would, and issues an ENTERPRISE
   * key with the admin scope.
   *
   * @throws DatabaseInUseException if a running node holds the embedded database
   */
  public static KeyIssuer.IssuedKey issue(Path dataDir, NodeConfig.DbConfig db, String name)
      throws IOException {
    if (db.embedded()) {
      Files.createDirectories(dataDir);
    }
    try (Database database = open(dataDir, db)) {
      KeyIssuer issuer =
          new KeyIssuer(
              new ApiKeyRepository(database.dsl()), new SecureRandom(), Clock.systemUTC());
      return issuer.issue(name, Tier.ENTERPRISE, Set.of(Scope.ADMIN), OWNER, null);
    }
  }

  private static Database open(Path dataDir, NodeConfig.DbConfig db) {
    try {
      return new Database(Wiring.databaseSettings(dataDir, db));
    } catch (RuntimeException e) {
      if (db.embedded() && heldByAnotherProcess(e)) {
        throw new DatabaseInUseException(e);
      }
      throw e;
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
