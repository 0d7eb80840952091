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

  private final ObjectMapper json;
  private final String version;
  private volatile String spec;

  /** Fails now if the description was not generated at build time. */
  public OpenApiRoutes(ObjectMapper json, String version) {
    this.json = json;
    this.version = version;
    generated(json);
  }

  /** Completes the description from the routes, once all are registered, before serving. */
  public void describe(List<ApiRoute> routes) {
    spec = load(json, version, routes);
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

  /** The generated description, completed (see {@link ApiDescription}). */
  static String load(ObjectMapper json, String version, List<ApiRoute> routes) {
    try {
      return json.writeValueAsString(
          new ApiDescription(json).complete(generated(json), version, routes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode generated(ObjectMapper json) {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI description was not generated at build time");
      }
      return (ObjectNode) json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
