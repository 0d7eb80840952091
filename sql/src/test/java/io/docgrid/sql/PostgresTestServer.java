package io.docgrid.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL that tests run against: 127.0.0.1:5432/test as postgres by default, overridable
 * with the system properties {@code docgrid.test.pg.url}, {@code .user} and {@code .password}. Each
 * test class gets its own schema, so runs never see each other's rows.
 */
record PostgresTestServer(String url, String user, String password) {

  static PostgresTestServer fromSystemProperties() {
    return new PostgresTestServer(
        System.getProperty("docgrid.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"),
        System.getProperty("docgrid.test.pg.user", "postgres"),
        System.getProperty("docgrid.test.pg.password", ""));
  }

  static String freshSchemaName() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  DatabaseSettings settingsForFreshSchema() {
    return new DatabaseSettings(url, user, password, 4, freshSchemaName());
  }

  /** Drops what a test class created, through plain JDBC so it works even if the pool is gone. */
  void dropSchema(String schema) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      // The name comes from freshSchemaName() and DatabaseSettings validated it.
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
