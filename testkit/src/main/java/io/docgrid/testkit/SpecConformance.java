package io.docgrid.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contract behind the end-to-end suites' HTTP clients: a response must be one the OpenAPI
 * description the node serves declares for its operation (status, content type, headers, body
 * against the schema). Requests are not judged: tests send bad ones on purpose, and the answers to
 * those must match the description too.
 */
public final class SpecConformance {

  private final OpenApiInteractionValidator validator;

  private SpecConformance(OpenApiInteractionValidator validator) {
    this.validator = validator;
  }

  /** Judges against {@code spec}, an OpenAPI document as JSON. */
  public static SpecConformance of(String spec) {
    return new SpecConformance(
        OpenApiInteractionValidator.createForInlineApiSpecification(spec)
            .withLevelResolver(
                LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    // Answers to paths or methods the API does not have (404, 405) belong to no
                    // operation; that every route is described is tested apart.
                    .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                    .withLevel(
                        "validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                    .build())
            .withStrictOperationPathMatching()
            .build());
  }

  /** What is wrong with {@code response} to {@code method uri}; empty when nothing is. */
  public ValidationReport report(String method, URI uri, HttpResponse<?> response) {
    String body = "";
    if (response.body() instanceof String text) {
      body = text;
    } else if (response.body() instanceof byte[] bytes) {
      // A PDF or an image: its schema says only "binary", so no byte is misread.
      body = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return report(method, uri.getRawPath(), response.statusCode(), response.headers().map(), body);
  }

  /** What is wrong with an answer of {@code status}, {@code headers} and {@code body}. */
  public ValidationReport report(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    SimpleResponse.Builder answer = new SimpleResponse.Builder(status);
    headers.forEach(answer::withHeader);
    if (!body.isEmpty()) {
      answer.withBody(body);
    }
    return validator.validateResponse(
        path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
  }

  /** Fails with the validator's messages when {@code response} breaks the description. */
  public void check(String method, URI uri, HttpResponse<?> response) {
    ValidationReport report = report(method, uri, response);
    if (report.hasErrors()) {
      throw new AssertionError(
          "The response to "
              + method
              + " "
              + uri.getRawPath()
              + " (HTTP "
              + response.statusCode()
              + ") does not match the OpenAPI description:\n"
              + report.getMessages().stream()
                  .map(message -> "  " + message)
                  .reduce((a, b) -> a + "\n" + b)
                  .orElse("")
              + "\nBody: "
              + (response.body() instanceof String text
                  ? text.substring(0, Math.min(text.length(), 2000))
                  : "(bytes)"));
    }
  }
}
