package io.docgrid.tasks.isolation;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * One message between a node and its child, numbered: a child works on several requests at once and
 * answers each under its request's number, in whatever order they finish. A request carries the
 * sender's log context (request and job ids), so that the child's lines about it carry them too.
 */
record Envelope(long id, Serializable body, HashMap<String, String> logContext)
    implements Serializable {

  /** A message with the calling thread's log context. */
  static Envelope withLogContext(long id, Serializable body) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return new Envelope(id, body, context == null ? new HashMap<>() : new HashMap<>(context));
  }

  /** A message that needs no log context: an answer, or a cancellation. */
  static Envelope of(long id, Serializable body) {
    return new Envelope(id, body, new HashMap<>());
  }
}
