package io.docgrid.api.keys;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.auth.Principal;
import io.docgrid.api.auth.Scope;
import io.docgrid.api.auth.Tier;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestOrigins;
import io.docgrid.api.keys.KeyViews.Caller;
import io.docgrid.api.keys.KeyViews.CreatedKey;
import io.docgrid.api.keys.KeyViews.KeyList;
import io.docgrid.api.keys.KeyViews.KeyView;
import io.docgrid.api.validation.PathId;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.ApiKeyRepository;
import io.docgrid.sql.model.ApiKey;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The keys resource: admins manage API keys; every caller may ask who it is. */
public final class KeyRoutes {

  public static final String KEYS_PATH = "/api/v1/keys";
  private static final Logger log = LoggerFactory.getLogger(KeyRoutes.class);
  private static final Set<Scope> DEFAULT_SCOPES = EnumSet.of(Scope.JOBS_READ, Scope.JOBS_WRITE);

  private final ApiKeyRepository keys;
  private final KeyIssuer issuer;
  private final KeyChanges changes;
  private final RequestValidator validator;
  private final Clock clock;

  public KeyRoutes(
      ApiKeyRepository keys,
      KeyIssuer issuer,
      KeyChanges changes,
      RequestValidator validator,
      Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.changes = changes;
    this.validator = validator;
    this.clock = clock;
  }

  @OpenApi(
      path = KEYS_PATH,
      methods = HttpMethod.POST,
      operationId = "createKey",
      summary = "Create an API key (admin); the secret is in this response only",
      tags = "keys",
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = CreateKeyRequest.class)),
      responses = {
        @OpenApiResponse(status = "201", content = @OpenApiContent(from = CreatedKey.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class))
      })
  public void create(Context ctx) {
    CreateKeyRequest request = validator.body(ctx.body(), CreateKeyRequest.class);
    Principal caller = Authenticator.require(ctx);
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (request.scopes() == null) {
      scopes.addAll(DEFAULT_SCOPES);
    } else {
      request.scopes().forEach(name -> scopes.add(Scope.fromWire(name).orElseThrow()));
    }
    Tier tier =
        request.tier() == null ? Tier.STANDARD : Tier.fromWire(request.tier()).orElseThrow();
    String owner = request.owner() == null ? caller.id() : request.owner();
    KeyIssuer.IssuedKey issued =
        issuer.issue(request.name(), tier, scopes, owner, request.expiresAt());
    log.info("key {} ({}) created by {}", issued.key().id(), issued.key().prefix(), caller.id());
    ctx.status(HttpStatus.CREATED);
    ctx.header("Location", RequestOrigins.of(ctx).url(KEYS_PATH + "/" + issued.key().id()));
    ctx.json(CreatedKey.of(issued));
  }

  @OpenApi(
      path = KEYS_PATH,
      methods = HttpMethod.GET,
      operationId = "listKeys",
      summary = "All API keys, newest first (admin)",
      tags = "keys",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = KeyList.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class))
      })
  public void list(Context ctx) {
    Instant now = clock.instant();
    List<KeyView> views = keys.listNewestFirst().stream().map(key -> KeyView.of(key, now)).toList();
    ctx.json(new KeyList(views));
  }

  @OpenApi(
      path = KEYS_PATH + "/me",
      methods = HttpMethod.GET,
      operationId = "whoAmI",
      summary = "The calling key or token: principal, tier and scopes",
      tags = "keys",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = Caller.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = Problem.class))
      })
  public void me(Context ctx) {
    Principal caller = Authenticator.require(ctx);
    KeyView key =
        caller.keyId() == null
            ? null
            : keys.findById(caller.keyId()).map(k -> KeyView.of(k, clock.instant())).orElse(null);
    ctx.json(Caller.of(caller, key));
  }

  @OpenApi(
      path = KEYS_PATH + "/{id}",
      methods = HttpMethod.GET,
      operationId = "getKey",
      summary = "One API key (admin)",
      tags = "keys",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = KeyView.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void get(Context ctx) {
    ctx.json(KeyView.of(existing(ctx), clock.instant()));
  }

  @OpenApi(
      path = KEYS_PATH + "/{id}",
      methods = HttpMethod.DELETE,
      operationId = "revokeKey",
      summary = "Revoke an API key at once, on every node (admin); repeating it is harmless",
      tags = "keys",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = KeyView.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class))
      })
  public void revoke(Context ctx) {
    ApiKey key = existing(ctx);
    if (keys.revoke(key.id(), clock.instant())) {
      changes.announce(key.prefix());
      log.info("key {} revoked by {}", key.id(), Authenticator.require(ctx).id());
    }
    ctx.json(KeyView.of(keys.findById(key.id()).orElseThrow(), clock.instant()));
  }

  @OpenApi(
      path = KEYS_PATH + "/{id}/rotate",
      methods = HttpMethod.POST,
      operationId = "rotateKey",
      summary = "Replace a key's secret (admin); the old secret stops working at once",
      tags = "keys",
      pathParams = @OpenApiParam(name = "id", type = UUID.class, required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = CreatedKey.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "409", content = @OpenApiContent(from = Problem.class))
      })
  public void rotate(Context ctx) {
    ApiKey key = existing(ctx);
    KeyIssuer.IssuedKey rotated =
        issuer
            .rotate(key.id())
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.KEY_REVOKED,
                        "Key " + key.id() + " is revoked; create a new key instead."));
    changes.announce(key.prefix());
    log.info("key {} rotated by {}", key.id(), Authenticator.require(ctx).id());
    ctx.json(CreatedKey.of(rotated));
  }

  private ApiKey existing(Context ctx) {
    UUID id = validator.valid(new PathId(ctx.pathParam("id"))).uuid();
    return keys.findById(id).orElseThrow(() -> ApiException.notFound("Key " + id));
  }
}
