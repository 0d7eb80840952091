package io.docgrid.node;

import io.docgrid.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server of this test's own, made with {@code initdb} in a temporary
 * directory and listening on 127.0.0.1 only, so that a test may stop, kill, promote or destroy it
 * without touching the shared server on port 5432. Server binaries are run as the {@code postgres}
 * user when the tests run as root, which PostgreSQL refuses.
 */
final class LocalPostgres implements AutoCloseable {

  static final String BIN = System.getProperty("docgrid.test.pg.bin", "/usr/lib/postgresql/15/bin");
  static final String DATABASE = "docgrid";

  private final Path home;
  private final Path dataDir;
  private final int port;

  private LocalPostgres(Path home, int port) {
    this.home = home;
    this.dataDir = home.resolve("data");
    this.port = port;
  }

  /** A new, stopped server in a new temporary directory, with {@code settings} appended. */
  static LocalPostgres create(List<String> settings) throws Exception {
    LocalPostgres server = new LocalPostgres(ownedTemporaryDirectory(), FreePorts.block(1));
    server.run(
        BIN + "/initdb",
        "-D",
        server.dataDir.toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "--no-sync",
        "-E",
        "UTF8");
    server.appendSettings(settings);
    return server;
  }

  /** A streaming standby of {@code primary}, its data copied with {@code pg_basebackup -R}. */
  static LocalPostgres standbyOf(LocalPostgres primary, String applicationName) throws Exception {
    LocalPostgres standby = new LocalPostgres(ownedTemporaryDirectory(), FreePorts.block(1));
    standby.run(
        BIN + "/pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(primary.port),
        "-U",
        "postgres",
        "-D",
        standby.dataDir.toString(),
        "-R",
        "-X",
        "stream",
        "--no-sync",
        "-d",
        "application_name=" + applicationName);
    return standby;
  }

  int port() {
    return port;
  }

  Path home() {
    return home;
  }

  Path dataDir() {
    return dataDir;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /**
   * Appends to {@code postgresql.auto.conf}, where the last value of a setting wins and which
   * overrides {@code postgresql.conf}, as {@code pg_basebackup -R} writes its settings there too.
   */
  void appendSettings(List<String> settings) throws IOException {
    Path conf = dataDir.resolve("postgresql.auto.conf");
    Files.writeString(conf, Files.readString(conf) + "\n" + String.join("\n", settings) + "\n");
  }

  void start() throws Exception {
    run(
        BIN + "/pg_ctl",
        "-D",
        dataDir.toString(),
        "-l",
        home.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-c listen_addresses=127.0.0.1 -c port=" + port + " -k " + home,
        "start");
  }

  /** A fast shutdown: clients are disconnected, the server checkpoints and stops. */
  void stop() throws Exception {
    run(BIN + "/pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
  }

  /** Stops the server as a crash would: no checkpoint, no goodbye to clients. */
  void kill() throws Exception {
    run(BIN + "/pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
  }

  void promote() throws Exception {
    run(BIN + "/pg_ctl", "-D", dataDir.toString(), "-w", "promote");
  }

  /** Deletes the data directory, as a lost disk would. */
  void destroyData() throws IOException {
    deleteTree(dataDir);
  }

  void createDatabase() throws SQLException {
    execute("postgres", "CREATE DATABASE " + DATABASE);
  }

  void execute(String database, String sql) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  String queryString(String sql) throws SQLException {
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
  }

  /** Runs a command as the owner of the server's files; fails with its output if it fails. */
  void run(String... command) throws Exception {
    List<String> line = new ArrayList<>();
    if (isRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    Path output = Files.createTempFile(home, "command", ".log");
    Process process =
        new ProcessBuilder(line)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " took over two minutes");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited with "
              + process.exitValue()
              + ":\n"
              + Files.readString(output)
              + serverLogTail());
    }
  }

  String serverLogTail() throws IOException {
    Path log = home.resolve("server.log");
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    return "\nserver.log:\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  @Override
  public void close() throws Exception {
    try {
      if (Files.exists(dataDir.resolve("postmaster.pid"))) {
        kill();
      }
    } finally {
      deleteTree(home);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** A temporary directory the server's user owns, as initdb and pg_ctl require. */
  private static Path ownedTemporaryDirectory() throws Exception {
    Path directory = Files.createTempDirectory("docgrid-pg-");
    if (isRoot()) {
      Process chown =
          new ProcessBuilder("chown", "postgres:postgres", directory.toString())
              .inheritIO()
              .start();
      if (chown.waitFor() != 0) {
        throw new IllegalStateException("cannot give " + directory + " to the postgres user");
      }
    }
    return directory;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
