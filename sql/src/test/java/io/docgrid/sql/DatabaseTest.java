package io.docgrid.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docgrid.sql.model.Job;
import io.docgrid.testkit.PostgresSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DatabaseTest {

  @TempDir Path dataDir;

  @Test
  void unknown_jdbc_url_prefix_is_rejected_naming_the_accepted_ones() {
    DatabaseSettings mysql =
        new DatabaseSettings(
            "jdbc:mysql://db.internal/docgrid?user=admin&password=hunter2",
            "admin",
            "hunter2",
            2,
            null);

    assertThatThrownBy(() -> new Database(mysql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'jdbc:mysql:'")
        .hasMessageContaining("jdbc:h2:")
        .hasMessageContaining("jdbc:postgresql:")
        .message()
        .doesNotContain("hunter2")
        .doesNotContain("admin");
  }

  @Test
  void a_url_without_a_jdbc_prefix_is_rejected_without_echoing_it() {
    DatabaseSettings bare =
        new DatabaseSettings("postgres://admin:hunter2@db/docgrid", "admin", "", 2, null);

    assertThatThrownBy(() -> new Database(bare))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:h2:")
        .hasMessageContaining("jdbc:postgresql:")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void embedded_settings_point_at_an_h2_file_under_the_data_directory() {
    DatabaseSettings settings = DatabaseSettings.embedded(dataDir);

    assertThat(settings.jdbcUrl())
        .isEqualTo(
            "jdbc:h2:file:"
                + dataDir.toAbsolutePath().resolve("db").resolve("docgrid")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64");
    assertThat(settings.user()).isEqualTo("sa");
    assertThat(settings.password()).isEmpty();
    assertThat(settings.maxPoolSize()).isEqualTo(10);
    assertThat(settings.schema()).isNull();
  }

  @Test
  void settings_never_print_the_password() {
    DatabaseSettings settings =
        new DatabaseSettings(
            "jdbc:postgresql://db/docgrid?password=hunter2&ssl=true",
            "app",
            "s3cret",
            5,
            "docgrid");

    assertThat(settings.toString())
        .doesNotContain("s3cret")
        .doesNotContain("hunter2")
        .contains("app", "docgrid", "ssl=true");
  }

  @Test
  void settings_reject_a_schema_name_the_databases_would_fold_differently() {
    DatabaseSettings embedded = DatabaseSettings.embedded(dataDir);

    assertThatThrownBy(() -> embedded.withSchema("Jobs"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Jobs'");
    assertThatThrownBy(() -> embedded.withSchema("x; drop table jobs"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void embedded_database_is_healthy_while_open_and_not_after_close() {
    Database database = new Database(DatabaseSettings.embedded(dataDir));

    assertThat(database.dialect()).isEqualTo(SQLDialect.H2);
    assertThat(database.isHealthy()).isTrue();
    database.close();
    assertThat(database.isHealthy()).isFalse();
  }

  @Test
  void embedded_database_applies_only_the_common_migrations_and_reopens_cleanly() {
    try (Database database = new Database(DatabaseSettings.embedded(dataDir))) {
      assertThat(appliedVersions(database))
          .containsExactly(
              "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15");
    }

    try (Database reopened = new Database(DatabaseSettings.embedded(dataDir))) {
      assertThat(appliedVersions(reopened))
          .containsExactly(
              "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15");
      assertThat(reopened.dsl().fetchCount(DSL.table(DSL.name("jobs")))).isZero();
    }
  }

  @Test
  void jobs_stored_before_tenancy_belong_to_the_operator_at_the_enterprise_tier()
      throws SQLException {
    DatabaseSettings settings = DatabaseSettings.embedded(dataDir);
    Flyway.configure(Database.class.getClassLoader())
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations("classpath:db/migration/common")
        .target("2")
        .load()
        .migrate();
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "insert into jobs (id, status, created_at, updated_at, document_sha256, file_name,"
              + " media_type, size_bytes, options, request_id) values"
              + " ('3f2b7c1e-9a4d-4e5f-8b6a-0c1d2e3f4a5b', 'succeeded', now(), now(),"
              + " repeat('a', 64), 'old.pdf', 'application/pdf', 1, '{}', 'req-old')");
    }

    try (Database database = new Database(settings)) {
      Job old =
          new JobRepository(database.dsl())
              .findById(UUID.fromString("3f2b7c1e-9a4d-4e5f-8b6a-0c1d2e3f4a5b"))
              .orElseThrow();

      assertThat(old.owner()).isEqualTo("system");
      assertThat(old.tier()).isEqualTo("ENTERPRISE");
      assertThat(old.cacheHit()).isFalse();
      assertThat(old.followsJobId()).isNull();
      assertThat(appliedVersions(database))
          .containsExactly(
              "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15");
    }
  }

  @Test
  void postgresql_database_is_healthy_while_open_and_not_after_close() throws SQLException {
    try (PostgresSchema schema = PostgresSchema.named()) {
      Database database = new Database(MigratedDatabase.settings(schema));

      assertThat(database.dialect()).isEqualTo(SQLDialect.POSTGRES);
      assertThat(database.isHealthy()).isTrue();
      database.close();
      assertThat(database.isHealthy()).isFalse();
    }
  }

  @Test
  void postgresql_migrations_create_the_partial_index_on_unfinished_jobs() throws SQLException {
    try (PostgresSchema schema = PostgresSchema.named();
        Database database = new Database(MigratedDatabase.settings(schema))) {
      String definition =
          database
              .dsl()
              .fetchValue(
                  "select indexdef from pg_indexes where schemaname = ? and indexname = ?",
                  schema.schema(),
                  "jobs_unfinished_idx")
              .toString();

      assertThat(definition).contains("WHERE");
      assertThat(appliedVersions(database))
          .containsExactly(
              "1", "1.1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15");
    }
  }

  private static List<String> appliedVersions(Database database) {
    return database
        .dsl()
        .fetch(
            "select version from flyway_schema_history where success and version is not null order by installed_rank")
        .getValues(0, String.class);
  }
}
