package io.docgrid.sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.SQLDialect;

/**
 * DocGrid's schema migrations (Flyway, scripts under {@code db/migration}): applied by every node
 * at start, and on their own by {@code docgrid db migrate} and {@code docgrid db info}.
 */
public final class Migrations {

  /** One migration and where the database stands with it. */
  public record Migration(String version, String description, String state, Instant installedOn) {}

  private Migrations() {}

  /** Applies every pending migration; returns the full list afterwards. */
  public static List<Migration> migrate(DatabaseSettings settings) {
    Flyway flyway = flyway(settings, Database.dialectOf(settings.jdbcUrl()));
    flyway.migrate();
    return describe(flyway);
  }

  /** Every migration DocGrid has, with its state in the database; changes nothing. */
  public static List<Migration> info(DatabaseSettings settings) {
    return describe(flyway(settings, Database.dialectOf(settings.jdbcUrl())));
  }

  static Flyway flyway(DatabaseSettings settings, SQLDialect dialect) {
    List<String> locations = new ArrayList<>(List.of("classpath:db/migration/common"));
    if (dialect == SQLDialect.POSTGRES) {
      // Partial indexes and other PostgreSQL-only DDL; H2 cannot run these scripts.
      locations.add("classpath:db/migration/postgresql");
    }
    FluentConfiguration flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(
                settings.jdbcUrl(),
                settings.user(),
                settings.password() == null ? "" : settings.password())
            .locations(locations.toArray(String[]::new))
            .failOnMissingLocations(true)
            .outOfOrder(false)
            .baselineOnMigrate(false)
            .cleanDisabled(true);
    if (settings.schema() != null) {
      flyway.schemas(settings.schema()).createSchemas(true);
    }
    return flyway.load();
  }

  private static List<Migration> describe(Flyway flyway) {
    return Arrays.stream(flyway.info().all()).map(Migrations::migration).toList();
  }

  private static Migration migration(MigrationInfo info) {
    return new Migration(
        info.getVersion() == null ? "" : info.getVersion().getVersion(),
        info.getDescription(),
        info.getState().getDisplayName(),
        info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant());
  }
}
