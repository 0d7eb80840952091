package io.docgrid.tasks.document;

import java.util.Objects;
import java.util.Optional;

/**
 * A document that cannot be processed, for a reason the client can act on. The message is shown to
 * clients as is, so it never names an internal file path and never quotes parser internals.
 *
 * <p>The exception crosses Ignite nodes, so it must serialise on its own. Parser exceptions often
 * do not (PDFBox and POI ones hold streams and documents), so the cause is not kept: only its class
 * name and message travel, as {@link #causeSummary()}, for logs. The node that saw the failure logs
 * the full cause. Suppression is disabled for the same reason.
 */
public class DocumentProcessingException extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int MAX_SUMMARY_LENGTH = 2_000;

  private final DocumentErrorCode code;
  private final String causeSummary;

  public DocumentProcessingException(DocumentErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), null, false, true);
    this.code = Objects.requireNonNull(code, "code");
    this.causeSummary = cause == null ? null : summarise(cause);
  }

  public DocumentProcessingException(DocumentErrorCode code, String message) {
    this(code, message, null);
  }

  public DocumentErrorCode code() {
    return code;
  }

  /**
   * The original cause's class name and message, for operators' logs only: it may quote parser
   * internals, so it must not reach clients.
   */
  public Optional<String> causeSummary() {
    return Optional.ofNullable(causeSummary);
  }

  /** The cause and, since parsers wrap their failures in generic ones, its root cause too. */
  private static String summarise(Throwable cause) {
    Throwable root = cause;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
      root = root.getCause();
    }
    String summary = describe(cause) + (root == cause ? "" : "; root cause " + describe(root));
    return summary.length() <= MAX_SUMMARY_LENGTH
        ? summary
        : summary.substring(0, MAX_SUMMARY_LENGTH);
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null
        ? failure.getClass().getName()
        : failure.getClass().getName() + ": " + message;
  }
}
