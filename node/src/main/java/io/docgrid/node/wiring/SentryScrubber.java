package io.docgrid.node.wiring;

import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The last look at every event before it leaves the node: whatever could hold a document's text, a
 * file name, an API key or a password is taken out. Exception messages go (a parser's message can
 * quote the document), and so do message parameters, request bodies, cookies, query strings, the
 * user, breadcrumbs and extras; of the request's headers only those that never carry a credential
 * or content stay. What is left is types, stack frames, the route and our own tags of ids.
 */
final class SentryScrubber implements SentryOptions.BeforeSendCallback {

  private static final Set<String> SAFE_HEADERS =
      Set.of("accept", "content-length", "content-type", "user-agent", "x-request-id");

  @Override
  public SentryEvent execute(SentryEvent event, Hint hint) {
    if (event.getExceptions() != null) {
      for (SentryException exception : event.getExceptions()) {
        exception.setValue(null);
      }
    }
    Message message = event.getMessage();
    if (message != null) {
      message.setParams(null);
      message.setFormatted(message.getMessage());
    }
    if (event.getRequest() != null) {
      event.setRequest(withoutContent(event.getRequest()));
    }
    event.setUser(null);
    event.setBreadcrumbs(null);
    event.setExtras(null);
    return event;
  }

  private static Request withoutContent(Request request) {
    Request kept = new Request();
    kept.setMethod(request.getMethod());
    String url = request.getUrl();
    kept.setUrl(url == null ? null : url.replaceFirst("[?#].*$", ""));
    if (request.getHeaders() != null) {
      Map<String, String> headers = new TreeMap<>();
      request
          .getHeaders()
          .forEach(
              (name, value) -> {
                if (SAFE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                  headers.put(name, value);
                }
              });
      kept.setHeaders(headers);
    }
    return kept;
  }
}
