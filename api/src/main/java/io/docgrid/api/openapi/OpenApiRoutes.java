package io.docgrid.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.api.ApiRoute;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Serves the OpenAPI description generated from the route annotations at compile time, and Swagger
 * UI over it. (Javalin 7 has no working OpenAPI plugin yet, so the app serves the file.)
 */
public final class OpenApiRoutes {

  public static final String SPEC_RESOURCE = "/openapi-plugin/openapi-default.json";
  public static final String SPEC_PATH = "/api/v1/openapi.json";
  public static final String DOCS_PATH = "/api/v1/docs";
  private static final String SWAGGER_UI = "/webjars/swagger-ui/5.17.14";

  private final String spec;

  public OpenApiRoutes(ObjectMapper json, String version, List<ApiRoute> routes) {
    this.spec = load(json, version, routes);
  }

  public void spec(Context ctx) {
    ctx.contentType("application/json").result(spec);
  }

  public void docs(Context ctx) {
    ctx.html(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>DocGrid API</title>"
            + "<link rel=stylesheet href="
            + SWAGGER_UI
            + "/swagger-ui.css></head><body><div id=swagger-ui></div><script src="
            + SWAGGER_UI
            + "/swagger-ui-bundle.js></script><script>SwaggerUIBundle({url:'"
            + SPEC_PATH
            + "',dom_id:'#swagger-ui'})</script></body></html>");
  }

  /** The generated description, completed once at start-up (see {@link ApiDescription}). */
  static String load(ObjectMapper json, String version, List<ApiRoute> routes) {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI description was not generated at build time");
      }
      ObjectNode root = (ObjectNode) json.readTree(in);
      return json.writeValueAsString(new ApiDescription(json).complete(root, version, routes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
