package io.docgrid.api.uploads;

import static io.docgrid.api.uploads.TusHeaders.OFFSET_CONTENT_TYPE;
import static io.docgrid.api.uploads.TusHeaders.UPLOAD_EXPIRES;
import static io.docgrid.api.uploads.TusHeaders.UPLOAD_LENGTH;
import static io.docgrid.api.uploads.TusHeaders.UPLOAD_METADATA;
import static io.docgrid.api.uploads.TusHeaders.UPLOAD_OFFSET;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestOrigins;
import io.docgrid.api.validation.PathId;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.model.Upload;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The uploads resource: resumable uploads in tus 1.0 with the creation, creation-with-upload,
 * termination, checksum (sha256) and expiration extensions. A finished upload becomes a job with
 * {@code POST /api/v1/jobs} and {@code {"upload": ...}}.
 */
public final class UploadRoutes {

  public static final String UPLOADS_PATH = "/api/v1/uploads";
  static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

  private final Uploads uploads;
  private final RequestValidator validator;

  public UploadRoutes(Uploads uploads, RequestValidator validator) {
    this.uploads = uploads;
    this.validator = validator;
  }

  /** The headers a browser's tus client reads, for the CORS configuration. */
  public static java.util.List<String> exposedHeaders() {
    return TusHeaders.EXPOSED;
  }

  @OpenApi(
      path = UPLOADS_PATH,
      methods = HttpMethod.OPTIONS,
      operationId = "describeUploads",
      summary =
          "What this tus server speaks: Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm",
      tags = "uploads",
      responses = @OpenApiResponse(status = "204"))
  public void options(Context ctx) {
    ctx.header(TusHeaders.RESUMABLE, TusHeaders.VERSION);
    ctx.header("Tus-Version", TusHeaders.VERSION);
    ctx.header("Tus-Extension", TusHeaders.EXTENSIONS);
    ctx.header("Tus-Max-Size", Long.toString(uploads.maxUploadBytes()));
    ctx.header("Tus-Checksum-Algorithm", TusHeaders.CHECKSUM_ALGORITHMS);
    ctx.status(204);
  }

  @OpenApi(
      path = UPLOADS_PATH,
      methods = HttpMethod.POST,
      operationId = "createUpload",
      summary = "Start a resumable upload (tus creation); the body may carry its first bytes",
      tags = "uploads",
      headers = {
        @OpenApiParam(name = TusHeaders.RESUMABLE, required = true, description = "1.0.0"),
        @OpenApiParam(
            name = UPLOAD_LENGTH,
            required = true,
            description = "The document's size in bytes, within the tier's file size limit"),
        @OpenApiParam(
            name = UPLOAD_METADATA,
            description = "tus metadata: 'filename <base64 of the name>', comma-separated pairs"),
        @OpenApiParam(
            name = TusHeaders.UPLOAD_CHECKSUM,
            description = "sha256 <base64 digest> of the bytes in this body")
      },
      requestBody =
          @OpenApiRequestBody(
              content =
                  @OpenApiContent(
                      mimeType = OFFSET_CONTENT_TYPE,
                      type = "string",
                      format = "binary")),
      responses = {
        @OpenApiResponse(status = "201", description = "Location names the upload"),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "412", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "413", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "460", content = @OpenApiContent(from = Problem.class))
      })
  public void create(Context ctx) throws IOException {
    TusHeaders.requireVersion(ctx);
    Principal caller = Authenticator.require(ctx);
    if (ctx.header("Upload-Defer-Length") != null) {
      throw ApiException.invalidField(
          "Upload-Defer-Length", "is not supported: send Upload-Length");
    }
    long length = TusHeaders.number(ctx, UPLOAD_LENGTH, true).orElseThrow();
    Upload upload =
        uploads.create(caller, length, UploadMetadata.parse(ctx.header(UPLOAD_METADATA)));
    ctx.header("Location", RequestOrigins.of(ctx).url(UPLOADS_PATH + "/" + upload.id()));
    if (carriesBytes(ctx)) {
      upload = append(ctx, caller, upload.id(), 0);
      ctx.header(UPLOAD_OFFSET, Long.toString(upload.offset()));
    }
    ctx.header(UPLOAD_EXPIRES, TusHeaders.httpDate(upload.expiresAt()));
    ctx.status(201);
  }

  @OpenApi(
      path = UPLOADS_PATH + "/{id}",
      methods = HttpMethod.HEAD,
      operationId = "getUploadOffset",
      summary = "Where an upload stands: Upload-Offset, Upload-Length, Upload-Expires",
      tags = "uploads",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      headers = @OpenApiParam(name = TusHeaders.RESUMABLE, required = true, description = "1.0.0"),
      responses = {
        @OpenApiResponse(status = "200"),
        @OpenApiResponse(status = "404"),
        @OpenApiResponse(status = "410")
      })
  public void head(Context ctx) {
    TusHeaders.requireVersion(ctx);
    Upload upload = uploads.find(uploadId(ctx), Authenticator.require(ctx));
    ctx.header("Cache-Control", "no-store");
    ctx.header(UPLOAD_OFFSET, Long.toString(upload.offset()));
    ctx.header(UPLOAD_LENGTH, Long.toString(upload.length()));
    if (upload.metadata() != null) {
      ctx.header(UPLOAD_METADATA, upload.metadata());
    }
    ctx.header(UPLOAD_EXPIRES, TusHeaders.httpDate(upload.expiresAt()));
    ctx.status(200);
  }

  @OpenApi(
      path = UPLOADS_PATH + "/{id}",
      methods = HttpMethod.PATCH,
      operationId = "appendToUpload",
      summary = "Send the next bytes of an upload, from its Upload-Offset",
      tags = "uploads",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      headers = {
        @OpenApiParam(name = TusHeaders.RESUMABLE, required = true, description = "1.0.0"),
        @OpenApiParam(
            name = UPLOAD_OFFSET,
            required = true,
            description = "Where these bytes start: the upload's offset as HEAD reports it"),
        @OpenApiParam(
            name = TusHeaders.UPLOAD_CHECKSUM,
            description = "sha256 <base64 digest> of this chunk; a mismatch discards it (460)")
      },
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content =
                  @OpenApiContent(
                      mimeType = OFFSET_CONTENT_TYPE,
                      type = "string",
                      format = "binary")),
      responses = {
        @OpenApiResponse(status = "204", description = "Upload-Offset: where the upload stands"),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "410", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "413", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "415", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "460", content = @OpenApiContent(from = Problem.class))
      })
  public void patch(Context ctx) throws IOException {
    TusHeaders.requireVersion(ctx);
    Principal caller = Authenticator.require(ctx);
    UUID id = uploadId(ctx);
    if (!carriesOffsetStream(ctx)) {
      throw new ApiException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Send the bytes with Content-Type: " + OFFSET_CONTENT_TYPE + ".");
    }
    long offset = TusHeaders.number(ctx, UPLOAD_OFFSET, true).orElseThrow();
    Upload upload = append(ctx, caller, id, offset);
    ctx.header(UPLOAD_OFFSET, Long.toString(upload.offset()));
    ctx.header(UPLOAD_EXPIRES, TusHeaders.httpDate(upload.expiresAt()));
    ctx.status(204);
  }

  @OpenApi(
      path = UPLOADS_PATH + "/{id}",
      methods = HttpMethod.DELETE,
      operationId = "terminateUpload",
      summary = "End an upload and delete its bytes (tus termination)",
      tags = "uploads",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      headers = @OpenApiParam(name = TusHeaders.RESUMABLE, required = true, description = "1.0.0"),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void delete(Context ctx) {
    TusHeaders.requireVersion(ctx);
    uploads.terminate(uploadId(ctx), Authenticator.require(ctx));
    ctx.status(204);
  }

  @OpenApi(
      path = UPLOADS_PATH + "/{id}",
      methods = HttpMethod.POST,
      operationId = "overrideUploadMethod",
      summary =
          "PATCH, DELETE or HEAD for clients that can only POST, named by X-HTTP-Method-Override",
      tags = "uploads",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      headers =
          @OpenApiParam(
              name = METHOD_OVERRIDE,
              required = true,
              description = "PATCH, DELETE or HEAD"),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class))
      })
  public void override(Context ctx) throws IOException {
    String method = Optional.ofNullable(ctx.header(METHOD_OVERRIDE)).orElse("");
    switch (method.strip().toUpperCase(Locale.ROOT)) {
      case "PATCH" -> patch(ctx);
      case "DELETE" -> delete(ctx);
      case "HEAD" -> head(ctx);
      default ->
          throw ApiException.invalidField(
              METHOD_OVERRIDE, "must be PATCH, DELETE or HEAD on an upload");
    }
  }

  private Upload append(Context ctx, Principal caller, UUID id, long offset) throws IOException {
    var checksum = TusHeaders.checksum(ctx);
    try (InputStream body = ctx.req().getInputStream()) {
      return uploads.append(id, caller, offset, body, checksum);
    }
  }

  private static boolean carriesOffsetStream(Context ctx) {
    String type = ctx.header("Content-Type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith(OFFSET_CONTENT_TYPE);
  }

  private static boolean carriesBytes(Context ctx) {
    return carriesOffsetStream(ctx) && ctx.req().getContentLengthLong() != 0;
  }

  private UUID uploadId(Context ctx) {
    return validator.valid(new PathId(ctx.pathParam("id"))).uuid();
  }
}
