package io.docgrid.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A migrated database behind a connection pool. Construction applies every pending migration before
 * any connection is handed out, so a {@code Database} always has the current schema.
 */
public final class Database implements AutoCloseable {

  private static final String H2_PREFIX = "jdbc:h2:";
  private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
  private static final Pattern URL_PREFIX = Pattern.compile("^jdbc:[A-Za-z0-9+.-]{1,32}:");

  private final SQLDialect dialect;
  private final HikariDataSource dataSource;
  private final DSLContext dsl;

  /**
   * Migrates the database {@code settings} point at and opens a pool on it.
   *
   * @throws IllegalArgumentException if the URL is neither H2 nor PostgreSQL
   * @throws org.flywaydb.core.api.FlywayException if a migration fails
   */
  public Database(DatabaseSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.dialect = dialectOf(settings.jdbcUrl());
    // Flyway runs on its own short-lived connection before the pool exists: a pooled connection
    // selects the schema when it opens, which H2 refuses while the schema does not exist yet.
    Migrations.flyway(settings, dialect).migrate();
    this.dataSource = new HikariDataSource(poolConfig(settings));
    // No logging of every statement (jOOQ's default): its listener costs each query a little.
    this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
  }

  public DSLContext dsl() {
    return dsl;
  }

  public SQLDialect dialect() {
    return dialect;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Whether a connection can be borrowed and answers within two seconds. */
  public boolean isHealthy() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (Exception unavailable) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  static SQLDialect dialectOf(String jdbcUrl) {
    if (jdbcUrl.startsWith(H2_PREFIX)) {
      return SQLDialect.H2;
    }
    if (jdbcUrl.startsWith(POSTGRESQL_PREFIX)) {
      return SQLDialect.POSTGRES;
    }
    // Only the prefix is echoed: the rest of a URL may hold a user name or a password.
    Matcher prefix = URL_PREFIX.matcher(jdbcUrl);
    String named =
        prefix.find() ? "'" + prefix.group() + "'" : "a URL without a jdbc:<driver>: prefix";
    throw new IllegalArgumentException(
        "Unsupported database URL: got "
            + named
            + "; expected a URL starting with "
            + H2_PREFIX
            + " or "
            + POSTGRESQL_PREFIX);
  }

  private static HikariConfig poolConfig(DatabaseSettings settings) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("docgrid-db");
    pool.setJdbcUrl(settings.jdbcUrl());
    pool.setUsername(settings.user());
    pool.setPassword(passwordOf(settings));
    pool.setMaximumPoolSize(settings.maxPoolSize());
    pool.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
    pool.setConnectionTimeout(5_000);
    if (settings.schema() != null) {
      pool.setSchema(settings.schema());
    }
    return pool;
  }

  private static String passwordOf(DatabaseSettings settings) {
    return settings.password() == null ? "" : settings.password();
  }
}
