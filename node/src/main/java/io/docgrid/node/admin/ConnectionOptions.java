package io.docgrid.node.admin;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.Durations;
import io.docgrid.node.config.Environment;
import io.docgrid.node.config.Secrets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which server a client command ({@code docgrid admin …}, {@code docgrid submit}) calls and with
 * which key. The key is read from a file or the environment only, so that it never shows in {@code
 * ps}.
 */
public final class ConnectionOptions {

  public static final String API_KEY_FILE = "--api-key-file";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The DocGrid node to call (default: ${DEFAULT-VALUE}); env DOCGRID_URL.",
      defaultValue = "http://127.0.0.1:8080")
  String url;

  @Option(
      names = API_KEY_FILE,
      paramLabel = "FILE",
      description =
          "File holding the API key (admin commands need an admin key); wins over"
              + " DOCGRID_API_KEY. The key is never a flag.")
  Path apiKeyFile;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description =
          "Longest to wait for a connection and for an answer (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  String timeout;

  private final Secrets secrets;

  ConnectionOptions(Environment environment) {
    this.secrets = new Secrets(environment);
  }

  /** A client for the server, or a usage failure (exit code 2) naming what is missing or wrong. */
  public ApiClient connect() {
    return new ApiClient(baseUrl(), apiKey(), timeoutDuration());
  }

  /** The server's root; a URL given with the API's path {@code /api/v1} works too. */
  private URI baseUrl() {
    String trimmed = url.strip().replaceAll("/+$", "").replaceAll("/api/v1$", "");
    URI uri;
    try {
      uri = URI.create(trimmed + "/");
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw usage(
          setting("--url")
              + " must be an http(s) URL such as http://127.0.0.1:8080, got '"
              + url
              + "'");
    }
    return uri;
  }

  private String apiKey() {
    List<String> problems = new ArrayList<>();
    String key =
        secrets
            .required(
                API_KEY_FILE,
                apiKeyFile,
                "no API key: set "
                    + Secrets.variableFor(API_KEY_FILE)
                    + " or pass "
                    + API_KEY_FILE
                    + " FILE with a key (a new node writes one to <data-dir>/admin.key;"
                    + " `docgrid keys bootstrap` makes another)",
                problems)
            .orElse(null);
    if (key == null) {
      throw usage(String.join("; ", problems));
    }
    if (!key.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw usage("the API key must be one line of printable ASCII without spaces");
    }
    return key;
  }

  private Duration timeoutDuration() {
    Duration parsed = Durations.parse(timeout);
    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
      throw usage(
          setting("--timeout") + " must be a positive duration such as 30s, got '" + timeout + "'");
    }
    return parsed;
  }

  private static CommandFailure usage(String message) {
    return new CommandFailure(CommandFailure.USAGE, message);
  }
}
