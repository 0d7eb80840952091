package io.docgrid.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.ErrorMapper;
import io.docgrid.api.error.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty refuses before the application sees it (headers too large, a malformed request
 * line) with the same problem JSON as every other error, instead of Jetty's HTML page.
 */
public final class JettyProblemErrors extends ErrorHandler {

  private final ObjectMapper json;

  public JettyProblemErrors(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    ErrorCode code = ErrorMapper.codeForStatus(status);
    String requestId = UUID.randomUUID().toString();
    Problem problem =
        ErrorMapper.map(new ApiException(code, detail(code)), pathOf(request), requestId);
    response.setStatus(problem.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    response.getHeaders().put(RequestIds.HEADER, requestId);
    response.write(true, ByteBuffer.wrap(json.writeValueAsBytes(problem)), callback);
  }

  private static String pathOf(Request request) {
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    return path == null ? "/" : path;
  }

  private static String detail(ErrorCode code) {
    return switch (code) {
      case REQUEST_HEADERS_TOO_LARGE -> "The request headers exceed the server's limit.";
      case FILE_TOO_LARGE -> "The request is too large.";
      default -> "The request could not be processed.";
    };
  }
}
