package io.docgrid.sql;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the database.
 *
 * @param jdbcUrl a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param maxPoolSize the most connections the pool opens
 * @param schema the schema to migrate and use, created if missing; {@code null} for the
 *     connection's default schema
 */
public record DatabaseSettings(
    String jdbcUrl, String user, String password, int maxPoolSize, String schema) {

  // Lower case only: H2 (DATABASE_TO_LOWER) and PostgreSQL fold unquoted names to lower case while
  // Flyway quotes the name it creates, so any other spelling would name two different schemas.
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
    }
    if (schema != null && !SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be lower-case letters, digits and underscores, starting with a letter or"
              + " underscore, at most 63 characters, was '"
              + schema
              + "'");
    }
  }

  /** An H2 database in files under {@code dataDir/db}, for a single node without PostgreSQL. */
  public static DatabaseSettings embedded(Path dataDir) {
    // H2 refuses file paths implicitly relative to the working directory, hence absolute.
    // WRITE_DELAY=0: a commit reaches the file before it returns. H2's default (500 ms) loses the
    // last commits when the process is killed, and a job acknowledged with 202 must survive that.
    Path base = dataDir.toAbsolutePath().resolve("db").resolve("docgrid");
    return new DatabaseSettings(
        "jdbc:h2:file:"
            + base
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE;WRITE_DELAY=0"
            // Parsed statements kept per connection: more than the few distinct ones a job runs.
            + ";QUERY_CACHE_SIZE=64",
        "sa",
        "",
        10,
        null);
  }

  /** These settings, using {@code schema} instead. */
  public DatabaseSettings withSchema(String schema) {
    return new DatabaseSettings(jdbcUrl, user, password, maxPoolSize, schema);
  }

  @Override
  public String toString() {
    // PostgreSQL URLs may carry the password too, so it is redacted there as well.
    return "DatabaseSettings[jdbcUrl="
        + PASSWORD_IN_URL.matcher(jdbcUrl).replaceAll("$1***")
        + ", user="
        + user
        + ", password="
        + (password == null || password.isEmpty() ? "(none)" : "***")
        + ", maxPoolSize="
        + maxPoolSize
        + ", schema="
        + schema
        + "]";
  }
}
