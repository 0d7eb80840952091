package io.docgrid.api.cluster;

import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.Problem;
import io.docgrid.sql.Database;
import io.docgrid.sql.H2Backup;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.SQLDialect;

/**
 * {@code POST /api/v1/database/backup}: a consistent zip of the node's H2 database, taken while the
 * node serves. The node holds the database files, so no other process can back them up meanwhile.
 */
public final class DatabaseBackupRoutes {

  public static final String BACKUP_PATH = "/api/v1/database/backup";

  private final Database database;
  private final Path scratchDirectory;

  /**
   * @param scratchDirectory where the zip is written before it is sent (the data directory: the
   *     database's own disk has room for a copy of it more likely than {@code /tmp})
   */
  public DatabaseBackupRoutes(Database database, Path scratchDirectory) {
    this.database = database;
    this.scratchDirectory = scratchDirectory;
  }

  @OpenApi(
      path = BACKUP_PATH,
      methods = HttpMethod.POST,
      operationId = "backupDatabase",
      summary = "A consistent zip of the node's embedded H2 database, taken online (admin)",
      tags = "cluster",
      responses = {
        @OpenApiResponse(
            status = "200",
            content =
                @OpenApiContent(mimeType = "application/zip", type = "string", format = "binary")),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class))
      })
  public void backup(Context ctx) throws IOException, SQLException {
    if (database.dialect() != SQLDialect.H2) {
      throw new ApiException(
          ErrorCode.NOT_AN_EMBEDDED_DATABASE,
          "This node's database is PostgreSQL: back it up with pgBackRest (docs/runbook.md).");
    }
    Files.createDirectories(scratchDirectory);
    Path zip = Files.createTempFile(scratchDirectory, "db-backup-", ".zip");
    try {
      try (Connection connection = database.dataSource().getConnection()) {
        H2Backup.write(connection, zip);
      }
      ctx.contentType("application/zip")
          .header("Content-Length", Long.toString(Files.size(zip)))
          .header("Content-Disposition", "attachment; filename=\"docgrid-db.zip\"");
      // Deleted once sent (or once the stream is closed on a broken connection).
      ctx.result(Files.newInputStream(zip, StandardOpenOption.DELETE_ON_CLOSE));
    } catch (IOException | SQLException | RuntimeException e) {
      Files.deleteIfExists(zip);
      throw e;
    }
  }
}
