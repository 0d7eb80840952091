package io.docgrid.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own in the test PostgreSQL, so that test runs never see each other's rows:
 * 127.0.0.1:5432/test as postgres by default, overridden with the system properties {@code
 * docgrid.test.pg.url}, {@code .user} and {@code .password}. Closing it drops the schema.
 */
public final class PostgresSchema implements AutoCloseable {

  private final String url =
      System.getProperty("docgrid.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private final String user = System.getProperty("docgrid.test.pg.user", "postgres");
  private final String password = System.getProperty("docgrid.test.pg.password", "");
  private final String schema = freshName();

  private PostgresSchema() {}

  /** A fresh name, not yet created: for code that creates its schema itself (Flyway does). */
  public static PostgresSchema named() {
    return new PostgresSchema();
  }

  /** A fresh schema, created empty: for connections that select it through {@link #url()}. */
  public static PostgresSchema created() throws SQLException {
    PostgresSchema created = new PostgresSchema();
    created.execute("CREATE SCHEMA " + created.schema);
    return created;
  }

  /** A new schema name: lower case, as Flyway and DocGrid's settings want it. */
  public static String freshName() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** The server's URL, without a schema. */
  public String serverUrl() {
    return url;
  }

  /** The URL whose connections use this schema. */
  public String url() {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String schema() {
    return schema;
  }

  /**
   * Drops the schema through plain JDBC, so that it works even once the pool under test is gone.
   */
  @Override
  public void close() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      // The schema name comes from freshName(): nothing from outside reaches this statement.
      statement.execute(sql);
    }
  }
}
