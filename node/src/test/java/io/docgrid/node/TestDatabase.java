package io.docgrid.node;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh schema in the test PostgreSQL (127.0.0.1:5432, database {@code test}), dropped on close.
 * Override with the system properties {@code docgrid.test.pg.url|user|password}.
 */
final class TestDatabase implements AutoCloseable {

  private final String baseUrl =
      System.getProperty("docgrid.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private final String user = System.getProperty("docgrid.test.pg.user", "postgres");
  private final String password = System.getProperty("docgrid.test.pg.password", "");
  private final String schema;

  TestDatabase() throws SQLException {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    this.schema = "e2e_" + HexFormat.of().formatHex(random);
    execute("CREATE SCHEMA " + schema);
  }

  String url() {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }
}
