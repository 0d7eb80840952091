package io.docgrid.api.jobs;

import io.docgrid.api.auth.Authenticator;
import io.docgrid.api.error.Problem;
import io.docgrid.api.http.RequestIds;
import io.docgrid.api.validation.PathId;
import io.docgrid.api.validation.RequestValidator;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.util.UUID;

/** A page of a job's document as an image, to show beside the page's text. */
public final class PageImageRoutes {

  public static final String PAGE_IMAGE_PATH = JobRoutes.JOBS_PATH + "/{id}/pages/{page}/image";

  /**
   * The images show private documents: browsers may keep them a while (flipping back through a
   * document costs nothing), shared caches never. {@code Vary} keeps one key's images from another
   * key's requests in a browser that holds both.
   */
  static final String CACHE_CONTROL = "private, max-age=300";

  static final String VARY = "Authorization, X-API-Key";

  private final PageImages images;
  private final RequestValidator validator;

  public PageImageRoutes(PageImages images, RequestValidator validator) {
    this.images = images;
    this.validator = validator;
  }

  @OpenApi(
      path = PAGE_IMAGE_PATH,
      methods = HttpMethod.GET,
      operationId = "getJobPageImage",
      summary =
          "One page of a job's document as an image (PNG; JPEG for JPEG documents), drawn on a"
              + " compute node; PDF and image documents only",
      tags = "jobs",
      pathParams = {
        @OpenApiParam(name = "id", type = UUID.class, required = true),
        @OpenApiParam(
            name = "page",
            type = Integer.class,
            required = true,
            description = "The page, 1-based (a TIFF's frame)")
      },
      queryParams =
          @OpenApiParam(
              name = "width",
              type = Integer.class,
              description =
                  "The image's width in pixels, 100 to 2000, default 1000; its height follows the"
                      + " page's proportions"),
      headers =
          @OpenApiParam(
              name = "If-None-Match",
              description = "The ETag of an image held: 304 when it is still the page's"),
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "Cache-Control: private, max-age=300, with an ETag",
            content = {
              @OpenApiContent(mimeType = "image/png", type = "string", format = "binary"),
              @OpenApiContent(mimeType = "image/jpeg", type = "string", format = "binary")
            }),
        @OpenApiResponse(status = "304", description = "The image named by If-None-Match"),
        @OpenApiResponse(
            status = "400",
            description = "VALIDATION_FAILED: a page below 1 or a width out of bounds",
            content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(
            status = "404",
            description = "NOT_FOUND: no such job of yours; PAGE_NOT_FOUND: past the last page",
            content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(
            status = "410",
            description =
                "RESULT_EXPIRED: the document was deleted with the job's result; RESULT_MISSING:"
                    + " the blob store lost it",
            content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(
            status = "422",
            description =
                "PAGE_IMAGE_UNAVAILABLE: the document is not a PDF or an image; or why it cannot"
                    + " be drawn (DOCUMENT_CORRUPT, DOCUMENT_ENCRYPTED, IMAGE_TOO_LARGE,"
                    + " POISON_DOCUMENT)",
            content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "503", content = @OpenApiContent(from = Problem.class)),
        @OpenApiResponse(status = "504", content = @OpenApiContent(from = Problem.class))
      })
  public void image(Context ctx) {
    UUID id = validator.valid(new PathId(ctx.pathParam("id"))).uuid();
    PageImageQuery query =
        validator.valid(new PageImageQuery(ctx.pathParam("page"), ctx.queryParam("width")));
    PageImages.Page page =
        images.find(id, query.pageNumber(), query.pixelsWide(), Authenticator.require(ctx));
    if (page.matches(ctx.header("If-None-Match"))) {
      cacheable(ctx, page).status(HttpStatus.NOT_MODIFIED);
      return;
    }
    byte[] image = images.draw(page, RequestIds.of(ctx));
    // Set only once the image is there: a problem instead must not be kept.
    cacheable(ctx, page).contentType(page.format().mediaType()).result(image);
  }

  private static Context cacheable(Context ctx, PageImages.Page page) {
    return ctx.header("ETag", page.etag())
        .header("Cache-Control", CACHE_CONTROL)
        .header("Vary", VARY);
  }
}
