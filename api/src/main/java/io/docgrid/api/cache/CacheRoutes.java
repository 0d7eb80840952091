package io.docgrid.api.cache;

import io.docgrid.api.error.Problem;
import io.docgrid.api.validation.DocumentHash;
import io.docgrid.api.validation.RequestValidator;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The result cache for admins: how full and how useful it is, and purging it. */
public final class CacheRoutes {

  public static final String CACHE_PATH = "/api/v1/cache";

  private static final Logger log = LoggerFactory.getLogger(CacheRoutes.class);

  /** What a purge removed; {@code sha256} is null when everything was purged. */
  public record Purged(String sha256, long removed) {}

  private final ResultCache cache;
  private final RequestValidator validator;

  public CacheRoutes(ResultCache cache, RequestValidator validator) {
    this.cache = cache;
    this.validator = validator;
  }

  @OpenApi(
      path = CACHE_PATH,
      methods = HttpMethod.GET,
      operationId = "cacheStats",
      summary = "Result cache entries, bytes, hits, misses and hit rate (admin)",
      tags = "cache",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = ResultCacheStats.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class))
      })
  public void stats(Context ctx) {
    ctx.json(cache.stats());
  }

  @OpenApi(
      path = CACHE_PATH + "/{sha256}",
      methods = HttpMethod.DELETE,
      operationId = "purgeCachedDocument",
      summary = "Drop the cached results of one document, with every options (admin)",
      tags = "cache",
      pathParams = @OpenApiParam(name = "sha256", required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = Purged.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class))
      })
  public void purgeDocument(Context ctx) {
    String sha256 = validator.valid(new DocumentHash(ctx.pathParam("sha256"))).normalized();
    long removed = cache.invalidate(sha256);
    log.info("result cache: purged {} entries of document {}", removed, sha256);
    ctx.json(new Purged(sha256, removed));
  }

  @OpenApi(
      path = CACHE_PATH,
      methods = HttpMethod.DELETE,
      operationId = "purgeCache",
      summary = "Drop every cached result (admin)",
      tags = "cache",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = Purged.class)),
        @OpenApiResponse(status = "403", content = @OpenApiContent(from = Problem.class))
      })
  public void purgeAll(Context ctx) {
    long removed = cache.invalidateAll();
    log.info("result cache: purged all {} entries", removed);
    ctx.json(new Purged(null, removed));
  }
}
