package io.docgrid.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataAccessException;

/**
 * A statement that jOOQ builds and renders once, for the database's dialect, and that runs
 * afterwards through plain JDBC with its parameters bound in order. For the few statements every
 * job runs: rendering SQL again for each call cost more than running it on the embedded database.
 * The statement is written with jOOQ's DSL like any other (named {@code DSL.param}s, each name used
 * once), so it stays type-checked against the generated schema.
 */
final class RenderedStatement {

  /** Reads one row of a result. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final ConnectionProvider connections;
  private final String sql;
  private final List<String> names;

  private RenderedStatement(ConnectionProvider connections, String sql, List<String> names) {
    this.connections = connections;
    this.sql = sql;
    this.names = List.copyOf(names);
  }

  /**
   * Renders {@code query}, attached to {@code dsl} and whose parameters are named {@code
   * DSL.param}s. The order of the parameters is read off the rendered SQL itself, since a dialect
   * may move them (H2 runs {@code UPDATE ... RETURNING} as a query over the update).
   */
  static RenderedStatement of(DSLContext dsl, Query query) {
    Set<String> declared = new HashSet<>();
    for (Param<?> param : query.getParams().values()) {
      if (!param.isInline()) {
        declared.add(param.getParamName());
      }
    }
    String named = query.getSQL(ParamType.NAMED);
    Matcher marker = NAMED_PARAMETER.matcher(named);
    StringBuilder sql = new StringBuilder();
    List<String> names = new ArrayList<>();
    while (marker.find()) {
      if (declared.contains(marker.group(1))) {
        names.add(marker.group(1));
        marker.appendReplacement(sql, "?");
      }
    }
    marker.appendTail(sql);
    if (!names.containsAll(declared)) {
      throw new IllegalArgumentException("parameters " + declared + " not all found in " + named);
    }
    return new RenderedStatement(dsl.configuration().connectionProvider(), sql.toString(), names);
  }

  private static final Pattern NAMED_PARAMETER = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");

  /** A run of the statement, its parameters bound by name. */
  Run with(String name, Object value) {
    return new Run().with(name, value);
  }

  /** One run of the statement: the values of its parameters, by name. */
  final class Run {
    private final Map<String, Object> values = new HashMap<>();

    Run with(String name, Object value) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("no parameter " + name + " in " + sql);
      }
      values.put(name, value);
      return this;
    }

    /** Runs an insert, update or delete; returns how many rows it changed. */
    int update() {
      Connection connection = connections.acquire();
      try (PreparedStatement statement = prepare(connection)) {
        return statement.executeUpdate();
      } catch (SQLException e) {
        throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
      } finally {
        connections.release(connection);
      }
    }

    /** Runs a query (or a statement returning rows) and reads its first row, if any. */
    <T> Optional<T> queryFirst(RowReader<T> reader) {
      Connection connection = connections.acquire();
      try (PreparedStatement statement = prepare(connection);
          ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
      } catch (SQLException e) {
        throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
      } finally {
        connections.release(connection);
      }
    }

    /** Runs a query and reads every row of it. */
    <T> List<T> queryAll(RowReader<T> reader) {
      Connection connection = connections.acquire();
      try (PreparedStatement statement = prepare(connection);
          ResultSet rows = statement.executeQuery()) {
        return readAll(rows, reader);
      } catch (SQLException e) {
        throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
      } finally {
        connections.release(connection);
      }
    }

    private PreparedStatement prepare(Connection connection) throws SQLException {
      if (!values.keySet().containsAll(names)) {
        throw new IllegalArgumentException("values missing for " + names + " in " + sql);
      }
      PreparedStatement statement = connection.prepareStatement(sql);
      try {
        for (int i = 0; i < names.size(); i++) {
          bind(statement, i + 1, values.get(names.get(i)));
        }
        return statement;
      } catch (SQLException | RuntimeException e) {
        statement.close();
        throw e;
      }
    }
  }

  /**
   * Every row of a query run by jOOQ as usual, read by the same {@link RowReader} a rendered
   * statement of that table uses: one mapping per table, whichever way the query runs.
   */
  static <T> List<T> readAll(ResultQuery<?> query, RowReader<T> reader) {
    try (ResultSet rows = query.fetchResultSet()) {
      return readAll(rows, reader);
    } catch (SQLException e) {
      throw new DataAccessException(e.getMessage(), e);
    }
  }

  private static <T> List<T> readAll(ResultSet rows, RowReader<T> reader) throws SQLException {
    List<T> read = new ArrayList<>();
    while (rows.next()) {
      read.add(reader.read(rows));
    }
    return read;
  }

  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    // UUIDs, OffsetDateTimes and the boxed primitives: both drivers take them as they are.
    statement.setObject(index, value);
  }
}
