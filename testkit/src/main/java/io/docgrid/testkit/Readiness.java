package io.docgrid.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Waits for a URL to answer 200 while the processes that are to serve it stay alive. */
public final class Readiness {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {}

  /**
   * Returns once {@code url} answers 200; fails at once if one of {@code processes} exits, and at
   * {@code timeout}, pointing at {@code logs} either way.
   */
  public static void await(String url, Duration timeout, List<Process> processes, String logs)
      throws Exception {
    Eventually.await(
        url + " answering 200",
        timeout,
        () -> {
          for (Process process : processes) {
            if (!process.isAlive()) {
              throw new IllegalStateException(
                  "a process exited (" + process.exitValue() + ") before " + url + "; see " + logs);
            }
          }
          try {
            return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (IOException notYet) {
            return false;
          }
        },
        Boolean::booleanValue,
        () -> "; see " + logs);
  }
}
