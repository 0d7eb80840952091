package io.docgrid.node.config;

/**
 * A command that could not do its work, told in one line (no stack trace) with the exit code the
 * process ends with: 1 when the work failed, 2 when the command was given something unusable.
 */
public final class CommandFailure extends RuntimeException {

  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private final int exitCode;

  public CommandFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The first line of the innermost cause's message: what a one-line failure can quote. */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }
}
