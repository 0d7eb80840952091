package io.docgrid.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The OpenAPI description a node serves, fetched once, on first use, and made the contract its
 * answers are checked against.
 */
public final class ServedSpec {

  private final URI uri;
  private SpecConformance conformance;

  /** The description of the API at {@code base} (scheme, host and port). */
  public ServedSpec(String base) {
    this.uri = URI.create(base + "/api/v1/openapi.json");
  }

  /** Fails with the validator's messages when {@code response} breaks the description. */
  public void check(HttpClient client, HttpRequest request, HttpResponse<?> response)
      throws IOException, InterruptedException {
    conformance(client).check(request.method(), request.uri(), response);
  }

  private synchronized SpecConformance conformance(HttpClient client)
      throws IOException, InterruptedException {
    if (conformance == null) {
      HttpResponse<String> served =
          client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      if (served.statusCode() != 200) {
        throw new AssertionError("GET " + uri + ": HTTP " + served.statusCode());
      }
      conformance = SpecConformance.of(served.body());
    }
    return conformance;
  }
}
