package io.docgrid.node.wiring;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Names this JVM in its log: every line from here on carries a {@code node} field, so that the
 * lines of many nodes gathered in one place still say where each came from (docs/logging.md).
 */
final class LogIdentity {

  /** The JSON field, and the logback context property behind it. */
  static final String NODE_FIELD = "node";

  private LogIdentity() {}

  /** Once per JVM, as the node starts: the grid's name of this node. */
  static void name(String node) {
    ILoggerFactory loggers = LoggerFactory.getILoggerFactory();
    // Context properties are fields of every JSON line; an MDC entry would be one thread's only.
    if (loggers instanceof LoggerContext context) {
      context.putProperty(NODE_FIELD, node);
    }
  }
}
