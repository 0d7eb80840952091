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
import java.time.Clock;
import java.util.Set;

/**
 * Issues a new admin key straight into the database, with no node running: the way back in when
 * every admin key is lost. Unlike {@link FirstAdminKey} it issues one whatever keys exist already.
 */
public final class AdminKeyBootstrap {

  /** The owner the first admin key has too. */
  private static final String OWNER = "admin";

  private AdminKeyBootstrap() {}

  /**
   * Migrates the database to the current schema, as a node's start would, and issues an ENTERPRISE
   * key with the admin scope.
   *
   * @throws OfflineStores.DatabaseInUseException if a running node holds the embedded database
   */
  public static KeyIssuer.IssuedKey issue(Path dataDir, NodeConfig.DbConfig db, String name)
      throws IOException {
    if (db.embedded()) {
      Files.createDirectories(dataDir);
    }
    try (Database database = OfflineStores.openDatabase(dataDir, db)) {
      KeyIssuer issuer =
          new KeyIssuer(
              new ApiKeyRepository(database.dsl()), new SecureRandom(), Clock.systemUTC());
      return issuer.issue(name, Tier.ENTERPRISE, Set.of(Scope.ADMIN), OWNER, null);
    }
  }
}
