package io.docgrid.api.playground;

import io.javalin.config.StaticFilesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The web playground: a page at {@code /} where a person pastes a key, drops documents and sees
 * what DocGrid makes of them. Its scripts and styles are plain files in the jar, served under
 * {@code /playground}; the page talks to the API of the same origin.
 */
public final class Playground {

  public static final String PAGE_PATH = "/";
  public static final String ASSETS_PATH = "/playground";
  private static final String PAGE_RESOURCE = ASSETS_PATH + "/index.html";

  private final byte[] page;

  public Playground() {
    try (InputStream in = Playground.class.getResourceAsStream(PAGE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the playground page is missing from the jar");
      }
      this.page = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a request path belongs to the playground rather than to the API. */
  public static boolean serves(String path) {
    return path.equals(PAGE_PATH) || path.startsWith(ASSETS_PATH + "/");
  }

  /** Serves the scripts and styles the page loads. */
  public static void addAssets(StaticFilesConfig files) {
    files.add(
        assets -> {
          assets.hostedPath = ASSETS_PATH;
          assets.directory = ASSETS_PATH;
          assets.location = Location.CLASSPATH;
        });
  }

  public void page(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }
}
