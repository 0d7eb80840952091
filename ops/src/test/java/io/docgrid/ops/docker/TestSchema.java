package io.docgrid.ops.docker;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh schema in the test PostgreSQL (127.0.0.1:5432, database {@code test}), dropped on close,
 * so that the cluster's jobs meet no other test's. The same system properties as the node's tests
 * override it: {@code docgrid.test.pg.url|user|password}.
 */
final class TestSchema implements AutoCloseable {

  final String baseUrl =
      System.getProperty("docgrid.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  final String user = System.getProperty("docgrid.test.pg.user", "postgres");
  final String password = System.getProperty("docgrid.test.pg.password", "");
  private final String schema;

  TestSchema() throws SQLException {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    this.schema = "containers_" + HexFormat.of().formatHex(random);
    execute("CREATE SCHEMA " + schema);
  }

  /** The JDBC URL a node uses; the containers share the host's network, so 127.0.0.1 works. */
  String url() {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
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
