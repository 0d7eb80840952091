package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the database is: the embedded one under {@code --data-dir}, or PostgreSQL at {@code
 * --db-url}. Shared by every command that opens the database, so they all find the same one.
 */
public final class DatabaseOptions {

  public static final String PASSWORD_FILE = "--db-password-file";

  /** Shared with {@code worker}, so that a worker on serve's host finds its documents. */
  static final String DEFAULT_DATA_DIR = "./docgrid-data";

  @Option(
      names = "--data-dir",
      description =
          "Where the embedded database, blobs and grid files live (default: ${DEFAULT-VALUE}).",
      defaultValue = DEFAULT_DATA_DIR)
  String dataDir;

  @Option(
      names = "--db-url",
      description =
          "JDBC URL of PostgreSQL (jdbc:postgresql://host:5432/db); empty: the embedded database.")
  String dbUrl;

  @Option(
      names = "--db-user",
      description = "Database user (default: ${DEFAULT-VALUE}).",
      defaultValue = "docgrid")
  String dbUser;

  @Option(
      names = PASSWORD_FILE,
      description = "File holding the database password. Or set DOCGRID_DB_PASSWORD; never a flag.")
  Path dbPasswordFile;

  @Option(
      names = "--db-pool-size",
      description = "Database connections (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  String dbPoolSize;

  /** The password comes from the environment or a file only, so it never shows in `ps`. */
  private final Secrets secrets;

  DatabaseOptions(Environment environment) {
    this.secrets = new Secrets(environment);
  }

  public Path dataDir() {
    return Path.of(dataDir);
  }

  /** The database settings, or null with the reasons added to {@code problems}. */
  public NodeConfig.DbConfig toConfig(List<String> problems) {
    String url = dbUrl == null || dbUrl.isBlank() ? null : dbUrl.trim();
    if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      problems.add(
          setting("--db-url")
              + " must start with jdbc:postgresql: (or jdbc:h2: for an external H2 file)");
    }
    // Optional: PostgreSQL may trust the user without one, and the embedded database needs none.
    String password = secrets.optional(PASSWORD_FILE, dbPasswordFile, problems).orElse("");
    int pool = Numbers.inRange(problems, "--db-pool-size", dbPoolSize, 1, 200);
    return new NodeConfig.DbConfig(url, url == null ? "sa" : dbUser, password, pool);
  }
}
