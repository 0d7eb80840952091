package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where an API node reports unexpected failures: a Sentry project, or nowhere. A DSN carries the
 * project's client key, which lets anyone who has it send events: it may be a flag, as Sentry's own
 * tools take it, and the file variant keeps it out of {@code ps} for those who treat it as a
 * secret. Messages never repeat the DSN.
 */
public final class ErrorTrackingOptions {

  static final String DSN = "--sentry-dsn";
  static final String DSN_FILE = "--sentry-dsn-file";

  @Option(
      names = DSN,
      paramLabel = "DSN",
      description =
          "Sentry DSN (https://<key>@<host>/<project>): unexpected 500s and INTERNAL_ERROR jobs are"
              + " reported there, with ids but never document text or credentials (default: off).")
  String dsn;

  @Option(
      names = DSN_FILE,
      paramLabel = "FILE",
      description = "File holding the Sentry DSN; wins over --sentry-dsn.")
  Path dsnFile;

  @Option(
      names = "--sentry-environment",
      description = "Environment the events are tagged with, e.g. staging (default: production).")
  String environment;

  private final Secrets secrets;

  ErrorTrackingOptions(Environment environment) {
    this.secrets = new Secrets(environment);
  }

  NodeConfig.ErrorTrackingConfig toConfig(List<String> problems) {
    String fromFile =
        dsnFile == null
            ? null
            : secrets.file(DSN_FILE, dsnFile, problems).map(String::strip).orElse(null);
    String chosen = fromFile != null ? fromFile : blankToNull(dsn);
    if (chosen == null) {
      return NodeConfig.ErrorTrackingConfig.OFF;
    }
    if (!isDsn(chosen)) {
      problems.add(
          (fromFile != null ? setting(DSN_FILE) + " must hold" : setting(DSN) + " must be")
              + " a Sentry DSN such as https://<key>@<host>/<project>");
      return NodeConfig.ErrorTrackingConfig.OFF;
    }
    return new NodeConfig.ErrorTrackingConfig(chosen, blankToNull(environment));
  }

  /** http(s), a client key before the host, and a project id as the last path segment. */
  private static boolean isDsn(String value) {
    try {
      URI uri = new URI(value);
      String path = uri.getPath();
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getUserInfo() != null
          && !uri.getUserInfo().isBlank()
          && path != null
          && path.length() > 1
          && !path.endsWith("/");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
