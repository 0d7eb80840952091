package io.docgrid.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.sql.model.ApiKey;
import io.docgrid.sql.model.DailyUsage;
import io.docgrid.sql.model.Job;
import io.docgrid.sql.model.JobStatus;
import io.docgrid.sql.model.PageProgress;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling upgrade as the database sees it: the schema of the release before (every migration but
 * the newest), holding queued and finished jobs, keys, usage and idempotency keys written the way
 * that schema stores them; then the newest migrations, applied by the first upgraded node. The rows
 * must still read through the repositories, the queued job must still run, nodes of the release
 * before must still write rows the new code reads, and they must still start on the upgraded
 * database: what a rollback relies on.
 */
abstract class MigrationUpgradeContract {

  private static final UUID QUEUED = UUID.fromString("11111111-1111-4111-8111-111111111111");
  private static final UUID SUCCEEDED = UUID.fromString("22222222-2222-4222-8222-222222222222");
  private static final UUID FAILED = UUID.fromString("33333333-3333-4333-8333-333333333333");
  private static final UUID WRITTEN_DURING_ROLLOUT =
      UUID.fromString("44444444-4444-4444-8444-444444444444");
  private static final UUID KEY = UUID.fromString("55555555-5555-4555-8555-555555555555");
  private static final String OWNER = "key:" + KEY;
  private static final LocalDate DAY = LocalDate.parse("2026-02-27");

  @TempDir Path scratch;

  private DatabaseSettings settings;

  /** Settings for an empty database or schema of this test's own. */
  protected abstract DatabaseSettings freshDatabase(Path scratch);

  @BeforeEach
  void migrateToThePreviousSchemaAndStoreItsRows() throws SQLException {
    settings = freshDatabase(scratch);
    Flyway.configure(Migrations.class.getClassLoader())
        .configuration(flyway().getConfiguration())
        .target(previousSchema())
        .load()
        .migrate();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(previousReleaseJob(QUEUED, "queued"));
      statement.execute(previousReleaseJob(SUCCEEDED, "succeeded"));
      statement.execute(previousReleaseJob(FAILED, "failed"));
      statement.execute(
          "insert into api_keys (id, prefix, secret_sha256, name, tier, scopes, owner, created_at)"
              + " values ('"
              + KEY
              + "', 'dg_prev', '"
              + "b".repeat(64)
              + "', 'ci', 'PRO', 'jobs:read jobs:write', 'acme', "
              + timestamp("2026-02-01T08:00:00Z")
              + ")");
      statement.execute(
          "insert into usage_logs (kind, occurred_at, usage_day, key_id, principal, tier, route,"
              + " method, status, bytes_in, bytes_out, pages, ocr_pages, duration_millis,"
              + " request_id) values ('job', "
              + timestamp("2026-02-27T10:02:00Z")
              + ", DATE '2026-02-27', '"
              + KEY
              + "', '"
              + OWNER
              + "', 'PRO', '/v1/jobs', 'POST', 200, 0, 0, 3, 1, 1200, 'req-succeeded')");
      statement.execute(
          "insert into idempotency_keys (owner, idem_key, request_sha256, job_id, created_at)"
              + " values ('"
              + OWNER
              + "', 'order-7', '"
              + "c".repeat(64)
              + "', '"
              + SUCCEEDED
              + "', "
              + timestamp("2026-02-27T10:00:00Z")
              + ")");
    }
  }

  @Test
  void rows_of_the_previous_schema_read_through_the_repositories_after_the_upgrade() {
    try (Database upgraded = new Database(settings)) {
      JobRepository jobs = new JobRepository(upgraded.dsl());

      Job queued = jobs.findById(QUEUED).orElseThrow();
      assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(queued.owner()).isEqualTo(OWNER);
      assertThat(queued.tier()).isEqualTo("PRO");
      assertThat(queued.documentEncrypted()).isNull();
      assertThat(queued.cacheHit()).isFalse();
      Job succeeded = jobs.findById(SUCCEEDED).orElseThrow();
      assertThat(succeeded.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(succeeded.pageCount()).isEqualTo(3);
      assertThat(succeeded.pages()).isEqualTo(new PageProgress(3, 3, 0, 1));
      assertThat(succeeded.nodeId()).isEqualTo("node-previous");
      Job failed = jobs.findById(FAILED).orElseThrow();
      assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
      assertThat(failed.errorCode()).isEqualTo("DOCUMENT_CORRUPT");

      ApiKey key = new ApiKeyRepository(upgraded.dsl()).findByPrefix("dg_prev").orElseThrow();
      assertThat(key.id()).isEqualTo(KEY);
      assertThat(key.scopes()).containsExactlyInAnyOrder("jobs:read", "jobs:write");
      assertThat(new UsageRepository(upgraded.dsl()).dailyUsage(OWNER, DAY, DAY))
          .containsExactly(new DailyUsage(DAY, 0, 3, 1, 0, 0));
      assertThat(new IdempotencyRepository(upgraded.dsl()).find(OWNER, "order-7"))
          .hasValueSatisfying(claim -> assertThat(claim.jobId()).isEqualTo(SUCCEEDED));
    }
  }

  @Test
  void a_job_queued_under_the_previous_schema_is_claimed_and_runs_to_success() {
    Instant now = Instant.parse("2026-02-27T11:00:00Z");
    try (Database upgraded = new Database(settings)) {
      JobRepository jobs = new JobRepository(upgraded.dsl());
      JobLeaseRepository leases = new JobLeaseRepository(upgraded.dsl());

      assertThat(leases.findClaimable(now, 10)).containsExactly(QUEUED);
      assertThat(leases.claim(QUEUED, "node-upgraded", now, now.plus(Duration.ofMinutes(1))))
          .isTrue();
      assertThat(jobs.markRunning(QUEUED, "node-upgraded", now)).isTrue();
      assertThat(jobs.markSucceeded(QUEUED, 2, new PageProgress(2, 2, 0, 0), now.plusSeconds(5)))
          .isTrue();

      Job done = jobs.findById(QUEUED).orElseThrow();
      assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(done.attempts()).isEqualTo(1);
      assertThat(done.pages()).isEqualTo(new PageProgress(2, 2, 0, 0));
    }
  }

  @Test
  void jobs_a_node_of_the_previous_release_writes_during_the_rollout_read_and_run()
      throws SQLException {
    try (Database upgraded = new Database(settings)) {
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute(previousReleaseJob(WRITTEN_DURING_ROLLOUT, "queued"));
      }
      Instant now = Instant.parse("2026-02-27T11:00:00Z");

      assertThat(new JobRepository(upgraded.dsl()).findById(WRITTEN_DURING_ROLLOUT))
          .hasValueSatisfying(job -> assertThat(job.status()).isEqualTo(JobStatus.QUEUED));
      assertThat(new JobLeaseRepository(upgraded.dsl()).findClaimable(now, 10))
          .contains(WRITTEN_DURING_ROLLOUT);
    }
  }

  @Test
  void a_node_of_the_previous_release_still_starts_on_the_upgraded_database() throws IOException {
    new Database(settings).close();
    // The previous release ships only the migrations up to its own; Flyway ignores the newer ones
    // it finds applied (its default ignoreMigrationPatterns, "*:future"), so the old node migrates
    // nothing, validates, and starts: the rollback path while no contract migration has run.
    Flyway previousRelease =
        Flyway.configure(Migrations.class.getClassLoader())
            .configuration(flyway().getConfiguration())
            .locations(previousReleaseMigrations())
            .load();

    MigrateResult result = previousRelease.migrate();

    assertThat(result.migrationsExecuted).isZero();
    assertThat(previousRelease.validateWithResult().validationSuccessful).isTrue();
  }

  private Flyway flyway() {
    return Migrations.flyway(settings, Database.dialectOf(settings.jdbcUrl()));
  }

  /** The newest schema but one: what the release before this one migrated to. */
  private MigrationVersion previousSchema() {
    List<MigrationVersion> versions =
        Arrays.stream(flyway().info().all()).map(MigrationInfo::getVersion).sorted().toList();
    assertThat(versions).hasSizeGreaterThan(1);
    return versions.get(versions.size() - 2);
  }

  /** Copies of the migration scripts up to {@link #previousSchema()}, as Flyway locations. */
  private String[] previousReleaseMigrations() throws IOException {
    MigrationVersion previous = previousSchema();
    boolean postgres = Database.dialectOf(settings.jdbcUrl()) == SQLDialect.POSTGRES;
    List<String> folders = postgres ? List.of("common", "postgresql") : List.of("common");
    String[] locations = new String[folders.size()];
    for (int i = 0; i < folders.size(); i++) {
      Path copy =
          Files.createDirectories(scratch.resolve("previous-release").resolve(folders.get(i)));
      try (Stream<Path> scripts = Files.list(migrationFolder(folders.get(i)))) {
        for (Path script : scripts.toList()) {
          if (versionOf(script).compareTo(previous) <= 0) {
            Files.copy(script, copy.resolve(script.getFileName()));
          }
        }
      }
      locations[i] = "filesystem:" + copy;
    }
    return locations;
  }

  private static Path migrationFolder(String name) {
    try {
      return Path.of(Migrations.class.getResource("/db/migration/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code V1_1__index_unfinished_jobs.sql} is version 1.1. */
  private static MigrationVersion versionOf(Path script) {
    String name = script.getFileName().toString();
    return MigrationVersion.fromVersion(name.substring(1, name.indexOf("__")));
  }

  /**
   * A job row as the previous release's code inserts it: only the columns it knows, so any column
   * added since must be nullable or have a default.
   */
  private static String previousReleaseJob(UUID id, String status) {
    boolean finished = !status.equals("queued");
    return "insert into jobs (id, status, created_at, started_at, finished_at, updated_at,"
        + " document_sha256, file_name, media_type, size_bytes, options, page_count, error_code,"
        + " error_message, attempts, node_id, request_id, pages_total, pages_done, pages_failed,"
        + " pages_ocr, owner, tier) values ('"
        + id
        + "', '"
        + status
        + "', "
        + timestamp("2026-02-27T10:00:00Z")
        + ", "
        + (finished ? timestamp("2026-02-27T10:00:01Z") : "null")
        + ", "
        + (finished ? timestamp("2026-02-27T10:02:00Z") : "null")
        + ", "
        + timestamp("2026-02-27T10:02:00Z")
        + ", '"
        + "a".repeat(64)
        + "', '"
        + status
        + ".pdf', 'application/pdf', 4096, '{\"ocr\":\"auto\",\"pages\":\"1-\"}', "
        + (status.equals("succeeded") ? "3" : "null")
        + ", "
        + (status.equals("failed")
            ? "'DOCUMENT_CORRUPT', 'The document is damaged.'"
            : "null, null")
        + ", "
        + (finished ? "1, 'node-previous'" : "0, null")
        + ", 'req-"
        + status
        + "', "
        + (status.equals("succeeded") ? "3, 3, 0, 1" : "null, 0, 0, 0")
        + ", '"
        + OWNER
        + "', 'PRO')";
  }

  private static String timestamp(String instant) {
    return "TIMESTAMP WITH TIME ZONE '"
        + Instant.parse(instant).toString().replace('T', ' ').replace("Z", "+00:00")
        + "'";
  }

  private Connection connect() throws SQLException {
    Connection connection =
        DriverManager.getConnection(
            settings.jdbcUrl(),
            settings.user(),
            settings.password() == null ? "" : settings.password());
    if (settings.schema() != null) {
      connection.setSchema(settings.schema());
    }
    return connection;
  }
}
